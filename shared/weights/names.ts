/**
 * Which PyTorch module each layer of a template with a published checkpoint layout is, by name:
 * torchvision's for the templates it ships (ResNet-18…152, VGG16/19, AlexNet, DenseNet-121),
 * timm's `seresnet50` for SE-ResNet-50. The exported PyTorch code names its modules so
 * (`modulePaths`, one graph at a time), and a state_dict's keys are that code's module names
 * (`pytorchModule(doc).stateDictNames`, which shared/weights/convert.ts reads): so torchvision's
 * checkpoints load into both, and a network of one's own is named as its code is (`C1` → `c1`).
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
 * The module path of every layer of one graph of a document whose layers carry torchvision's or
 * timm's names, by node id: its own graph (`block` undefined; `inference` is the document's) or a
 * block's, whose names are the same in every instance. Undefined for a network named by its
 * labels, whose exported code keeps its own names. For ResNet-18: `layer1.0` (a block instance)
 * and `fc` at the top, `downsample.1` for "projection bn" in the projection block; for VGG16
 * `features.4` for pool1.
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
