import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocument } from '../../shared/graph/load';
import { inferGraph } from '../../shared/infer';
import { templates } from '../../shared/templates/index';

/**
 * Trainable parameters of every template. The papers' and torchvision's figures where they
 * exist; "computed" ones were derived from the reference implementation or paper table and are
 * checked against PyTorch in test/unit/codegen (where python3-torch is installed).
 */
const PARAMS: Record<string, number> = {
  lenet5: 61_706,
  alexnet: 60_965_224,
  'alexnet-tv': 61_100_840,
  vgg16: 138_357_544,
  vgg19: 143_667_240,
  googlenet: 6_998_552, // computed: the paper's table 1 with 5×5 branches and biases, no auxiliary heads
  'inception-naive': 1_089_952, // computed: the lecture's module on 28×28×256, with biases
  'inception-bottleneck': 346_720, // computed
  resnet18: 11_689_512,
  resnet34: 21_797_672,
  resnet50: 25_557_032,
  resnet101: 44_549_160,
  resnet152: 60_192_808,
  'se-resnet50': 28_088_024, // computed; the SENet paper's table 1 says 28.09M
  densenet121: 7_978_856, // computed; torchvision's densenet121 has the same
  'resnet20-cifar': 269_722, // computed, option A shortcuts as the paper's; its table 6 says 0.27M (with option B: 272,474)
  'resnet56-cifar': 853_018, // computed, option A; the paper's table 6 says 0.85M (with option B: 855,770)
  'plain20-cifar': 269_722, // computed; no shortcuts, so ResNet-20's with option A
  'plain56-cifar': 853_018, // computed; ResNet-56's with option A
  'mini-googlenet': 44_638, // computed
  'mini-vgg': 467_818, // computed
};

/** Multiply-accumulates of the convolution and linear layers, for one image. */
const GMACS: Record<string, number> = {
  'alexnet-tv': 0.714, // torchvision: 0.71 GFLOPS
  vgg16: 15.47, // 15.47
  resnet18: 1.814, // 1.81
  resnet50: 4.089, // 4.09
  resnet152: 11.51, // 11.51
  densenet121: 2.834, // 2.83
  googlenet: 1.583, // the paper: "1.5 billion multiply-adds"
};

describe('templates', () => {
  it('cover every id of the catalogue', () => {
    expect(templates.map((t) => t.id).sort()).toEqual(Object.keys(PARAMS).sort());
  });

  describe.each(templates.map((t) => [t.id, t] as const))('%s', (id, t) => {
    const doc = t.build();
    const inf = inferGraph(doc.graph, doc.blocks);

    it('is stored as its builder makes it (run `npm run templates` after changing a builder)', () => {
      const stored = readFileSync(join(__dirname, '..', '..', 'templates', `${id}.netwright.json`), 'utf8');
      expect(stored).toBe(saveDocument(doc));
    });
    it(`has no shape error and ${PARAMS[id]!.toLocaleString('en-US')} parameters`, () => {
      expect(inf.errors).toEqual([]);
      expect(inf.totals.params).toBe(PARAMS[id]);
    });
    it('describes itself', () => {
      expect(doc.description?.length).toBeGreaterThan(40);
    });
    if (GMACS[id]) {
      it(`does ${GMACS[id]} G multiply-accumulates, within 0.5%`, () => {
        expect(Math.abs(inf.totals.macs / 1e9 / GMACS[id]! - 1)).toBeLessThan(0.005);
      });
    }
  });

  it("gives the lecture's AlexNet shapes: CONV1 55×55×96, POOL1 27×27×96, and 6×6×256 before FC6", () => {
    const doc = templates.find((t) => t.id === 'alexnet')!.build();
    const inf = inferGraph(doc.graph);
    const shape = (label: string) => inf.nodes[doc.graph.nodes.find((n) => n.label === label)!.id]!.shape;
    expect(shape('CONV1')).toEqual([55, 55, 96]);
    expect(shape('POOL1')).toEqual([27, 27, 96]);
    expect(shape('POOL3')).toEqual([6, 6, 256]);
  });

  it('shows GoogLeNet as nine linked Inception instances and ResNet-50 as 16 bottlenecks in four stages', () => {
    const g = templates.find((t) => t.id === 'googlenet')!.build();
    expect(g.graph.nodes.filter((n) => n.kind === 'block:inception')).toHaveLength(9);
    const r = templates.find((t) => t.id === 'resnet50')!.build();
    const stages = r.graph.nodes.filter((n) => n.kind.startsWith('block:')).map((n) => n.label!.split('.')[0]);
    expect(stages).toHaveLength(16);
    expect([...new Set(stages)]).toEqual(['layer1', 'layer2', 'layer3', 'layer4']);
  });
});
