/**
 * `compare`'s measurements: the totals from shape inference, forward times from real passes,
 * and batch sizes beyond memory skipped with the reason before anything is allocated.
 * Times are checked to exist and be positive, never for their values.
 */
import { describe, expect, it } from 'vitest';
import { forwardMemoryAt } from '../../../node/engine/budget/estimate';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compareDocuments } from '../../../node/engine/loop/compare';
import { runCompare } from '../../../node/engine/process/jobs';
import { forkTrainerAt } from '../../../node/engine/process/runner';
import { lenet5 } from '../../../shared/templates/lenet5';
import { vgg16 } from '../../../shared/templates/vgg';
import { useTestTrainer } from './testTrainer';

const trainer = useTestTrainer('compare');

describe('compare: forward time per image', () => {
  it('holds the weights and twice each batch\'s activations', () => {
    // VGG-16: 138,357,544 weights and 15,237,608 activations per image, as float32.
    expect(forwardMemoryAt(vgg16(), 1)).toBe(138_357_544 * 4 + 2 * 15_237_608 * 4);
    expect(forwardMemoryAt(vgg16(), 8)).toBe(138_357_544 * 4 + 2 * 8 * 15_237_608 * 4);
  });

  it('skips VGG-16 at a huge batch against a small memory limit, with the reason, and times the batch that fits', async () => {
    await pickBackend('wasm');
    const c = await compareDocuments([{ name: 'vgg16', template: 'vgg16', doc: vgg16() }], { batches: [512, 1], repeats: 1, memoryLimit: 2 ** 30 });
    const [row] = c.rows;
    expect(row!.times.map((t) => t.batch)).toEqual([1, 512]);
    expect(row!.times[0]!.secondsPerImage).toBeGreaterThan(0);
    expect(row!.times[0]!.skipped).toBeUndefined();
    expect(row!.times[1]).toEqual({ batch: 512, memory: forwardMemoryAt(vgg16(), 512), skipped: 'a forward pass at batch 512 needs about 58.64 GiB, and the memory limit allows 1.00 GiB' });
    expect(row!.accuracy).toMatchObject({ top1: 71.592, top5: 90.382 });
  }, 300_000);

  it('runs in a trainer process and names the engine and backend', async () => {
    const c = await runCompare({ type: 'compare', docs: [{ name: 'LeNet', doc: lenet5() }], batches: [4, 1], repeats: 3 }, () => forkTrainerAt(trainer.path));
    expect(c).toMatchObject({ engine: 'tfjs', repeats: 3 });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(c.backend);
    expect(c.rows).toHaveLength(1);
    const row = c.rows[0]!;
    expect(row).toMatchObject({ name: 'LeNet', params: 61_706, macs: 416_520, activationBytes: 35_512 });
    expect(row.accuracy).toBeUndefined(); // LeNet-5 has no ImageNet figures
    expect(row.times.map((t) => t.batch)).toEqual([1, 4]);
    for (const t of row.times) {
      expect(t.skipped).toBeUndefined();
      expect(t.secondsPerImage).toBeGreaterThan(0);
    }
  }, 120_000);
});
