/**
 * The ImageNet checkpoints torchvision publishes for the templates whose layers carry torchvision's
 * names (`names.ts`): each template's `IMAGENET1K_V1` weights, URL and size as torchvision 0.14's
 * `torchvision/models/{resnet,vgg,alexnet,densenet}.py` give them (`url=`, `_file_size` in MiB;
 * the URLs are unchanged from 0.13, where the weights enums came in, through 0.20). The file name
 * carries the first hex digits of the file's SHA-256, which is what `torch.hub` checks.
 */

/** Where torchvision's checkpoints are published. */
export const TORCHVISION_MODELS_URL = 'https://download.pytorch.org/models/';

/** The torchvision release the table was taken from. */
export const TORCHVISION_VERSION = '0.14';

export interface PublishedWeights {
  /** The template's id (`netwright predict resnet18`). */
  template: string;
  /** The document name the template builds (`ResNet-18`). */
  name: string;
  /** torchvision's file name, `resnet18-f37072fd.pth`. */
  file: string;
  /** The size torchvision's metadata gives, in MiB; the progress bar's total when the server sends none. */
  mib: number;
}

/** template → [document name, file, MiB], from torchvision 0.14's `IMAGENET1K_V1` entries. */
const TABLE: [string, string, string, number][] = [
  ['resnet18', 'ResNet-18', 'resnet18-f37072fd.pth', 44.661],
  ['resnet34', 'ResNet-34', 'resnet34-b627a593.pth', 83.275],
  ['resnet50', 'ResNet-50', 'resnet50-0676ba61.pth', 97.781],
  ['resnet101', 'ResNet-101', 'resnet101-63fe2227.pth', 170.511],
  ['resnet152', 'ResNet-152', 'resnet152-394f9c45.pth', 230.434],
  ['vgg16', 'VGG16', 'vgg16-397923af.pth', 527.796],
  ['vgg19', 'VGG19', 'vgg19-dcbb9e9d.pth', 548.051],
  ['alexnet-tv', 'AlexNet (torchvision)', 'alexnet-owt-7be5be79.pth', 233.087],
  ['densenet121', 'DenseNet-121', 'densenet121-a639ec97.pth', 30.845],
];

/** Every template with published weights, in the table's order. */
export const PUBLISHED_WEIGHTS: readonly PublishedWeights[] = TABLE.map(([template, name, file, mib]) => ({ template, name, file, mib }));

/** `publishedFor('resnet18')` or `publishedFor('ResNet-18')` → its entry; undefined for a template without published weights. */
export function publishedFor(templateOrName: string): PublishedWeights | undefined {
  return PUBLISHED_WEIGHTS.find((w) => w.template === templateOrName || w.name === templateOrName);
}

/** `publishedUrl(w)` → `https://download.pytorch.org/models/resnet18-f37072fd.pth`; `base` replaces the folder (a mirror, a test's server). */
export function publishedUrl(weights: Pick<PublishedWeights, 'file'>, base = TORCHVISION_MODELS_URL): string {
  return `${base.endsWith('/') ? base : `${base}/`}${weights.file}`;
}

/**
 * The SHA-256 prefix a file name carries, as `torch.hub` reads it (the hex digits between the last
 * `-` and the next `.`): `hashPrefix('resnet18-f37072fd.pth')` → `'f37072fd'`; undefined when the
 * name carries none.
 */
export function hashPrefix(file: string): string | undefined {
  return /-([a-f0-9]+)\.[^-]*$/.exec(file)?.[1];
}
