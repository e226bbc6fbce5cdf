/**
 * The lecture's numbers (../shared/seed), reproduced by the shape engine — and the two places
 * where the lecture's own sums are wrong, with the true figures.
 */
import { describe, expect, it } from 'vitest';
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { inception, inceptionNaive } from '../../../shared/blocks/library';
import { inferGraph } from '../../../shared/infer';
import { vgg16 } from '../../../shared/templates/vgg';

describe("the lecture's VGG16 table", () => {
  const doc = vgg16();
  const inf = inferGraph(doc.graph, doc.blocks);
  const rows = inf.order.map((id) => ({ kind: doc.graph.nodes.find((n) => n.id === id)!.kind, info: inf.nodes[id]! })).filter((r) => r.kind !== 'Flatten' && r.kind !== 'Dropout');

  it('has every row: memory (activations) and parameters without biases', () => {
    // [activations, weights without bias] per row, as the lecture lists them.
    const lecture: [number, number][] = [
      [224 * 224 * 3, 0],
      [224 * 224 * 64, 3 * 3 * 3 * 64], // 3.2M, 1,728
      [224 * 224 * 64, 3 * 3 * 64 * 64], // 36,864
      [112 * 112 * 64, 0],
      [112 * 112 * 128, 73_728],
      [112 * 112 * 128, 147_456],
      [56 * 56 * 128, 0],
      [56 * 56 * 256, 294_912],
      [56 * 56 * 256, 589_824],
      [56 * 56 * 256, 589_824],
      [28 * 28 * 256, 0],
      [28 * 28 * 512, 1_179_648],
      [28 * 28 * 512, 2_359_296],
      [28 * 28 * 512, 2_359_296],
      [14 * 14 * 512, 0],
      [14 * 14 * 512, 2_359_296],
      [14 * 14 * 512, 2_359_296],
      [14 * 14 * 512, 2_359_296],
      [7 * 7 * 512, 0],
      [4096, 102_760_448],
      [4096, 16_777_216],
      [1000, 4_096_000],
    ];
    const biases = (r: (typeof rows)[number]) => (r.kind === 'Conv2D' ? (r.info.params!.filters as number) : r.kind === 'Dense' ? (r.info.params!.units as number) : 0);
    expect(rows.map((r) => [r.info.activations, r.info.paramCount - biases(r)])).toEqual(lecture);
  });

  it('totals 138,357,544 parameters with biases (the lecture: "138M")', () => {
    expect(inf.totals.params).toBe(138_357_544);
  });

  it('totals 15.2M activations per image, not the lecture\'s "24M": its own rows add up to 15,237,608 (≈ 61 MB of float32)', () => {
    // The lecture's rows (150K + 3.2M + 3.2M + 800K + …) sum to about 15.2M; "24M × 4 bytes ≈
    // 96MB" does not follow from them. Flatten and Dropout add no memory (views), so the
    // engine's total is the true sum of the rows.
    expect(inf.totals.activations).toBe(15_237_608);
    expect(inf.totals.activationBytes).toBe(60_950_432);
  });
});

describe("the lecture's Inception example on a 28×28×256 input", () => {
  const module = (block: ReturnType<typeof inception>, params: Record<string, number>) => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 28, width: 28, channels: 256 });
    const m = g.add(blockKind(block.id), params, x, 'module');
    const inf = inferGraph(g.graph, [block]);
    return { info: inf.nodes[m]!, inf };
  };

  it('naive module: 28×28×(128 + 192 + 96 + 256) = 28×28×672 and 854M multiply-accumulates', () => {
    const { info, inf } = module(inceptionNaive(), { n1x1: 128, n3x3: 192, n5x5: 96 });
    expect(inf.errors).toEqual([]);
    expect(info.shape).toEqual([28, 28, 672]);
    // 28·28·128·1·1·256 + 28·28·192·3·3·256 + 28·28·96·5·5·256
    expect(info.macs).toBe(854_196_224);
    const branches = Object.values(info.inner!.nodes).filter((n) => n.shape?.length === 3).map((n) => n.shape!.join('×'));
    expect(branches).toEqual(expect.arrayContaining(['28×28×128', '28×28×192', '28×28×96', '28×28×256']));
  });

  it('with 1×1 bottlenecks: 271M, not the lecture\'s "353M" — its six rows add up to 271,351,808', () => {
    const { info } = module(inception(), { n1x1: 128, n3x3red: 64, n3x3: 192, n5x5red: 64, n5x5: 96, poolProj: 64 });
    // 28·28·(64·256 + 64·256 + 128·256 + 192·9·64 + 96·25·64 + 64·256): the lecture's own rows
    // (its "×264" on the 5×5 row is a typo for 64) sum to 271M; 353M matches no reading of them.
    expect(info.macs).toBe(28 * 28 * (64 * 256 + 64 * 256 + 128 * 256 + 192 * 9 * 64 + 96 * 25 * 64 + 64 * 256));
    expect(info.macs).toBe(271_351_808);
    expect(info.shape).toEqual([28, 28, 128 + 192 + 96 + 64]);
  });
});
