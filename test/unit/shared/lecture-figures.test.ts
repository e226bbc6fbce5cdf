/**
 * The lecture's figures beside Netwright's (shared/lecture/): every line's Netwright figure,
 * exact, whether it agrees with the slide, and a reason wherever it does not.
 */
import { describe, expect, it } from 'vitest';
import { lectureLines, lectureTemplate } from '../../../shared/lecture/compare';
import { LECTURE_FIGURES } from '../../../shared/lecture/figures';
import { buildTemplate } from '../../../shared/templates/index';

const lines = (id: string) => lectureLines(buildTemplate(id)!);
/** [what, Netwright's figure, agrees] for each line of a template. */
const table = (id: string) => lines(id).map((l) => [l.what, l.netwright, l.agrees]);

describe('the lecture figures', () => {
  it.each(Object.keys(LECTURE_FIGURES))('%s: every line computes, and says why wherever the two differ', (id) => {
    const ls = lines(id);
    expect(ls).toHaveLength(LECTURE_FIGURES[id]!.length);
    for (const l of ls) {
      expect(l.netwright, l.what).not.toBeNull();
      expect(l.why === undefined, `${l.what}: a reason exactly where the figures differ`).toBe(l.agrees);
    }
  });

  it('LeNet-5: 61,706 parameters against the lecture\'s "60K"', () => {
    expect(table('lenet5')).toEqual([['Parameters', 61_706, false]]);
  });

  it('AlexNet: CONV1 55×55×96 with 34,944 parameters against "35K", POOL1 27×27×96 with none', () => {
    expect(table('alexnet')).toEqual([
      ['Input', [227, 227, 3], true],
      ['CONV1 output', [55, 55, 96], true],
      ['CONV1 parameters', 34_944, false],
      ['POOL1 output', [27, 27, 96], true],
      ['POOL1 parameters', 0, true],
      ['Parameters', 60_965_224, false],
    ]);
    expect(lines('alexnet')[2]!.why).toMatch(/no biases/);
  });

  it('VGG16: every row of its table, memory to the value and parameters with one bias per filter or unit', () => {
    const ls = lines('vgg16');
    const memory = ls.filter((l) => l.what.endsWith(' memory') && l.what !== 'TOTAL memory');
    const params = ls.filter((l) => l.what.endsWith(' parameters'));
    expect(memory).toHaveLength(22);
    for (const l of memory) expect([l.what, l.netwright]).toEqual([l.what, l.value]);
    const biases = [0, 64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0, 4096, 4096, 1000];
    expect(params.map((l) => (l.netwright as number) - (l.value as number))).toEqual(biases);
    expect(params.map((l) => l.netwright)).toEqual([0, 1_792, 36_928, 0, 73_856, 147_584, 0, 295_168, 590_080, 590_080, 0, 1_180_160, 2_359_808, 2_359_808, 0, 2_359_808, 2_359_808, 2_359_808, 0, 102_764_544, 16_781_312, 4_097_000]);
  });

  it('VGG16: 15,237,608 activations (58.1 MiB) against "24M × 4 bytes ≈ 96MB", and 138,357,544 parameters as "138M"', () => {
    const total = lines('vgg16').slice(-3);
    expect(total.map((l) => [l.what, l.says, l.netwright, l.text, l.agrees])).toEqual([
      ['TOTAL memory', '24M * 4 bytes ≈ 96MB / image', 15_237_608, '15,237,608 (58.1 MiB)', false],
      ['TOTAL params', '138M parameters', 138_357_544, '138,357,544', true],
      ['Parameters', '140 million parameters', 138_357_544, '138,357,544', true],
    ]);
    expect(total[0]!.why).toMatch(/its own rows .* add up to 15\.2M/);
    expect(total[0]!.nodes).toHaveLength(25);
  });

  it('GoogLeNet: 6,998,552 parameters against "Only 5 million"', () => {
    expect(table('googlenet')).toEqual([['Parameters', 6_998_552, false]]);
  });

  it("the naive Inception module: the lecture's shapes, and 854,196,224 multiply-adds for its \"854M ops\"", () => {
    expect(table('inception-naive')).toEqual([
      ['1x1 conv, 128 output', [28, 28, 128], true],
      ['3x3 conv, 192 output', [28, 28, 192], true],
      ['5x5 conv, 96 output', [28, 28, 96], true],
      ['3x3 pool output', [28, 28, 256], true],
      ['Filter concatenation', [28, 28, 672], true],
      ['1x1 conv, 128 operations', 25_690_112, true],
      ['3x3 conv, 192 operations', 346_816_512, true],
      ['5x5 conv, 96 operations', 481_689_600, true],
      ['Total operations', 854_196_224, true],
    ]);
  });

  it('the Inception module with bottlenecks: 271,351,808 against "353M ops", and the "x264" typo', () => {
    expect(table('inception-bottleneck')).toEqual([
      ['1x1 conv, 64 (3x3 reduce) operations', 12_845_056, true],
      ['1x1 conv, 64 (5x5 reduce) operations', 12_845_056, true],
      ['1x1 conv, 128 operations', 25_690_112, true],
      ['3x3 conv, 192 operations', 86_704_128, true],
      ['5x5 conv, 96 operations', 120_422_400, false],
      ['1x1 conv, 64 (pool projection) operations', 12_845_056, true],
      ['Total operations', 271_351_808, false],
    ]);
    expect(lines('inception-bottleneck')[6]!.nodes).toHaveLength(6);
  });

  it('follow the open document: an edit changes Netwright\'s figure; another net, or a renamed one, has none', () => {
    const doc = buildTemplate('vgg16')!;
    const edited = { ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => (n.id === 'fc8' ? { ...n, params: { ...n.params, units: 10 } } : n)) } };
    expect(lectureLines(edited).find((l) => l.what === 'TOTAL params')!.netwright).toBe(138_357_544 - 990 * 4097);
    expect(lectureTemplate(doc)).toBe('vgg16');
    expect(lectureTemplate(buildTemplate('vgg19')!)).toBeUndefined();
    expect(lectureLines({ ...doc, name: 'My net' })).toEqual([]);
    expect(lectureLines(buildTemplate('resnet50')!)).toEqual([]);
  });
});
