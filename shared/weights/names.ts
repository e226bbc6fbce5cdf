/**
 * Which PyTorch module each layer of a document is, by name: torchvision's for the templates it
 * ships (ResNet-18…152, VGG16/19, AlexNet, DenseNet-121), timm's `seresnet50` for SE-ResNet-50,
 * and for any other network its layer labels (`layer1.0/conv1` → `layer1.0.conv1`). The names
 * are the keys of a state_dict without `.weight`/`.bias`, so one table serves loading a
 * checkpoint, writing one, and the module names of the exported PyTorch code (`modulePaths`,
 * one graph at a time), which therefore loads torchvision's state_dict with strict=True.
 */
import type { Block, NetwrightDocument } from '../graph/schema';
import type { Inference } from '../infer';

/** Layer kinds that hold weights, in the state_dict and in tfjs. */
export const WEIGHTED = new Set(['Conv2D', 'Dense', 'BatchNorm']);

/** A label's path in PyTorch's spelling: parts joined with dots, other characters as `_`. */
const plain = (parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9_.]+/g, '_')).join('.');

const RESNET_PARTS: Record<string, string> = { projection: 'downsample.0', 'projection bn': 'downsample.1', SE: 'se' };
const DENSENET_PARTS: Record<string, string> = { bn1: 'norm1', bn2: 'norm2', bn: 'norm' };
/** What torchvision's DenseNet.forward applies after `features`: every other top-level layer is in it. */
const DENSENET_HEAD = new Set(['relu5', 'avgpool', 'classifier']);

/** torchvision's nn.Sequential numbering: a layer with a fused ReLU is two modules there. Every layer but the Input and Flatten. */
function sequentialNames(doc: NetwrightDocument, inference: Inference): Map<string, string> {
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const names = new Map<string, string>();
  let part = 'features';
  let index = 0;
  for (const id of inference.order) {
    const node = byId.get(id);
    if (!node || node.kind === 'Input') continue;
    if (node.kind === 'Flatten') {
      [part, index] = ['classifier', 0];
      continue;
    }
    names.set(id, `${part}.${index}`);
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

const isSequential = (doc: NetwrightDocument) => /^(VGG1[69]|AlexNet \(torchvision\))$/.test(doc.name);

/** One label's module name at the document's top level and inside a block, for a network named by its labels. */
function labelRules(doc: NetwrightDocument): { top: (label: string) => string; inner: (label: string) => string } {
  if (/ResNet-\d+$/.test(doc.name)) {
    const inner = (p: string) => plain([RESNET_PARTS[p] ?? p]);
    return { top: inner, inner };
  }
  if (doc.name === 'DenseNet-121') {
    const inner = (p: string) => plain([DENSENET_PARTS[p] ?? p.replace(/^layer (\d+)$/, 'denselayer$1')]);
    return { top: (p) => (DENSENET_HEAD.has(p) ? inner(p) : `features.${inner(p)}`), inner };
  }
  return { top: (p) => plain([p]), inner: (p) => plain([p]) };
}

/**
 * The module name of each weighted layer of an expanded document (blocks replaced by their
 * layers, labels `instance/inner`), by node id: for ResNet-50, `layer1.0/projection bn` →
 * `layer1.0.downsample.1`; for VGG16, `conv1_2` → `features.2`.
 */
export function moduleNames(doc: NetwrightDocument, inference: Inference): Map<string, string> {
  const weighted = new Set(doc.graph.nodes.filter((n) => WEIGHTED.has(n.kind)).map((n) => n.id));
  if (isSequential(doc)) return new Map([...sequentialNames(doc, inference)].filter(([id]) => weighted.has(id)));
  const rules = labelRules(doc);
  const names = new Map<string, string>();
  for (const node of doc.graph.nodes) {
    if (!weighted.has(node.id)) continue;
    const [top, ...inner] = (node.label ?? node.id).split('/');
    names.set(node.id, [rules.top(top!), ...inner.map(rules.inner)].join('.'));
  }
  return names;
}

/**
 * The module path of every layer of one graph of a document whose layers carry torchvision's or
 * timm's names, by node id: its own graph (`block` undefined; `inference` is the document's) or a
 * block's, whose names are the same in every instance. Undefined for a network named by its
 * labels, whose exported code keeps its own names. For ResNet-18: `layer1.0` (a block instance)
 * and `fc` at the top, `downsample.1` for "projection bn" in the projection block; for VGG16
 * `features.4` for pool1. `moduleNames` is these joined along an expanded label.
 */
export function modulePaths(doc: NetwrightDocument, inference: Inference, block?: Block): Map<string, string> | undefined {
  if (namingOf(doc) === 'labels') return undefined;
  if (isSequential(doc)) return block ? new Map() : sequentialNames(doc, inference);
  const rules = labelRules(doc);
  const rule = block ? rules.inner : rules.top;
  const graph = block ? block.graph : doc.graph;
  return new Map(graph.nodes.filter((n) => n.kind !== 'Input' && n.kind !== 'BlockInput' && n.kind !== 'BlockOutput').map((n) => [n.id, rule(n.label ?? n.id)]));
}

/**
 * Dense layers that the checkpoint layout stores as 1×1 convolutions, (out, in, 1, 1): timm's
 * squeeze-excitation `fc1` and `fc2`. `storedAsConv('layer1.0.se.fc1', 'timm')` → true.
 */
export const storedAsConv = (module: string, naming: ReturnType<typeof namingOf>): boolean => naming === 'timm' && /(^|\.)se\.fc[12]$/.test(module);
