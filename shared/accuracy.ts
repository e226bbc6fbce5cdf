/**
 * The published ImageNet (ILSVRC-2012 validation) accuracies of the templates that have them,
 * each with its source: torchvision's model table (the `acc@1`/`acc@5` of the weights' meta,
 * single 224×224 centre crop) for the templates built in torchvision's layout, and the paper for
 * the others. These are facts about the published models, not anything Netwright measured; the
 * Compare view puts them against each template's multiply-accumulates.
 * `publishedAccuracy('resnet18')` → `{ top1: 69.758, top5: 89.078, source: … }`.
 */

export interface PublishedAccuracy {
  /** The template's id (shared/templates/index.ts). */
  id: string;
  /** Top-1 accuracy in percent; absent where the source gives only top-5. */
  top1?: number;
  /** Top-5 accuracy in percent. */
  top5: number;
  /** Where the figures are published, as a reader would cite it. */
  source: string;
}

const TORCHVISION = (weights: string) => `torchvision's model table, ${weights}.IMAGENET1K_V1 (single 224×224 crop)`;

export const PUBLISHED_ACCURACY: readonly PublishedAccuracy[] = [
  // Krizhevsky et al. 2012, table 2: one CNN, ILSVRC-2012 validation, 40.7% top-1 and 18.2% top-5 error.
  { id: 'alexnet', top1: 59.3, top5: 81.8, source: 'Krizhevsky, Sutskever, Hinton 2012, table 2 (1 CNN, ILSVRC-2012 validation)' },
  { id: 'alexnet-tv', top1: 56.522, top5: 79.066, source: TORCHVISION('AlexNet_Weights') },
  { id: 'vgg16', top1: 71.592, top5: 90.382, source: TORCHVISION('VGG16_Weights') },
  { id: 'vgg19', top1: 72.376, top5: 90.876, source: TORCHVISION('VGG19_Weights') },
  // Szegedy et al. 2014, table 5: one model, one crop, 10.07% top-5 error; the paper gives no top-1.
  { id: 'googlenet', top5: 89.93, source: 'Szegedy et al. 2014, table 5 (1 model, 1 crop)' },
  { id: 'resnet18', top1: 69.758, top5: 89.078, source: TORCHVISION('ResNet18_Weights') },
  { id: 'resnet34', top1: 73.314, top5: 91.42, source: TORCHVISION('ResNet34_Weights') },
  { id: 'resnet50', top1: 76.13, top5: 92.862, source: TORCHVISION('ResNet50_Weights') },
  { id: 'resnet101', top1: 77.374, top5: 93.546, source: TORCHVISION('ResNet101_Weights') },
  { id: 'resnet152', top1: 78.312, top5: 94.046, source: TORCHVISION('ResNet152_Weights') },
  // Hu et al. 2017, table 2: 23.29% top-1 and 6.62% top-5 error, single 224×224 crop (re-implementation).
  { id: 'se-resnet50', top1: 76.71, top5: 93.38, source: 'Hu, Shen, Sun 2017 (Squeeze-and-Excitation Networks), table 2 (single 224×224 crop)' },
  { id: 'densenet121', top1: 74.434, top5: 91.972, source: TORCHVISION('DenseNet121_Weights') },
];

/** A template's published accuracy, or undefined when it has none (LeNet-5, the CIFAR nets, the minis). */
export const publishedAccuracy = (id: string): PublishedAccuracy | undefined => PUBLISHED_ACCURACY.find((a) => a.id === id);
