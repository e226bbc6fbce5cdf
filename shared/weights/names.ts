/**
 * Which PyTorch module each layer of a document is, by name: torchvision's for the templates it
 * ships (ResNet-18…152, VGG16/19, AlexNet, DenseNet-121), timm's `seresnet50` for SE-ResNet-50,
 * and for any other network its layer labels (`layer1.0/conv1` → `layer1.0.conv1`). The names
 * are the keys of a state_dict without `.weight`/`.bias`, so one table serves loading a
 * checkpoint and writing one.
 */
import type { NetwrightDocument } from '../graph/schema';
import type { Inference } from '../infer';

/** Layer kinds that hold weights, in the state_dict and in tfjs. */
export const WEIGHTED = new Set(['Conv2D', 'Dense', 'BatchNorm']);

/** A label's path in PyTorch's spelling: parts joined with dots, other characters as `_`. */
const plain = (parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9_.]+/g, '_')).join('.');

const RESNET_PARTS: Record<string, string> = { projection: 'downsample.0', 'projection bn': 'downsample.1', SE: 'se' };
const DENSENET_PARTS: Record<string, string> = { bn1: 'norm1', bn2: 'norm2', bn: 'norm' };

/** torchvision's nn.Sequential numbering: a layer with a fused ReLU is two modules there. */
function sequentialNames(doc: NetwrightDocument, inference: Inference): Map<string, string> {
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const names = new Map<string, string>();
  let part = 'features';
  let index = 0;
  for (const id of inference.order) {
    const node = byId.get(id)!;
    if (node.kind === 'Input') continue;
    if (node.kind === 'Flatten') {
      [part, index] = ['classifier', 0];
      continue;
    }
    if (WEIGHTED.has(node.kind)) names.set(id, `${part}.${index}`);
    const activation = inference.nodes[id]?.params?.activation;
    index += WEIGHTED.has(node.kind) && activation !== undefined && activation !== 'linear' && activation !== 'softmax' ? 2 : 1;
  }
  return names;
}

/** How the document's layers are named in a state_dict, by its name: `'torchvision'`, `'timm'` or `'labels'`. */
export function namingOf(doc: NetwrightDocument): 'torchvision' | 'timm' | 'labels' {
  if (/^(ResNet-(18|34|50|101|152)|VGG1[69]|AlexNet \(torchvision\)|DenseNet-121)$/.test(doc.name)) return 'torchvision';
  if (doc.name === 'SE-ResNet-50') return 'timm';
  return 'labels';
}

/**
 * The module name of each weighted layer of an expanded document (blocks replaced by their
 * layers, labels `instance/inner`), by node id: for ResNet-50, `layer1.0/projection bn` →
 * `layer1.0.downsample.1`; for VGG16, `conv1_2` → `features.2`.
 */
export function moduleNames(doc: NetwrightDocument, inference: Inference): Map<string, string> {
  if (/^(VGG1[69]|AlexNet \(torchvision\))$/.test(doc.name)) return sequentialNames(doc, inference);
  const resnet = /ResNet-\d+$/.test(doc.name);
  const densenet = doc.name === 'DenseNet-121';
  const names = new Map<string, string>();
  for (const node of doc.graph.nodes) {
    if (!WEIGHTED.has(node.kind)) continue;
    let parts = (node.label ?? node.id).split('/');
    if (resnet) parts = parts.map((p) => RESNET_PARTS[p] ?? p);
    if (densenet) {
      parts = parts.map((p) => DENSENET_PARTS[p] ?? p.replace(/^layer (\d+)$/, 'denselayer$1'));
      if (parts[0] !== 'classifier') parts.unshift('features');
    }
    names.set(node.id, plain(parts));
  }
  return names;
}
