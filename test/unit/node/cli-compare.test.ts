/**
 * `netwright compare`, run as a user runs it (needs `npm run build`), on the tfjs engine and, where
 * a Python has PyTorch, the torch engine. Times are checked to be positive, never for their values.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../shared/templates/lenet5';
import { describeWhen } from '../../skip';
import { pythonHas } from '../codegen/python';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('netwright compare', () => {
  it('gives LeNet-5, ResNet-18 and VGG-16 their parameters, MACs, memory and forward times at batches 1 and 8', () => {
    const r = netwright('compare', 'lenet5', 'resnet18', 'vgg16', '--batch', '1,8', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ engine: 'tfjs', repeats: 5 });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(c.backend);
    expect(c.rows.map((row: { name: string }) => row.name)).toEqual(['lenet5', 'resnet18', 'vgg16']);
    // Parameters as docs/templates.md gives them (torchvision's counts); MACs and activations per image from shape inference.
    expect(c.rows[0]).toMatchObject({ template: 'lenet5', params: 61_706, macs: 416_520, activationBytes: 35_512 });
    expect(c.rows[1]).toMatchObject({ params: 11_689_512, macs: 1_814_073_344, accuracy: { top1: 69.758, top5: 89.078 } });
    expect(c.rows[2]).toMatchObject({ params: 138_357_544, macs: 15_470_264_320, activationBytes: 15_237_608 * 4, accuracy: { top1: 71.592, top5: 90.382 } });
    expect(c.rows[0].accuracy).toBeUndefined();
    for (const row of c.rows) {
      expect(row.times.map((t: { batch: number }) => t.batch)).toEqual([1, 8]);
      for (const t of row.times) {
        expect(t.skipped).toBeUndefined();
        expect(t.memory).toBeGreaterThan(row.params * 4);
        expect(t.secondsPerImage).toBeGreaterThan(0);
      }
    }
  }, 600_000);

  it('refuses --backend with the torch engine, which picks its own device', () => {
    const r = netwright('compare', 'lenet5', '--engine', 'torch', '--backend', 'wasm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^netwright: --backend picks a tfjs backend; the torch engine runs on the GPU when PyTorch has one, else the CPU/);
  });

  it('names the errors of a document it cannot compile, and exits 1', () => {
    const broken = lenet5();
    broken.graph.edges = [];
    const file = join(mkdtempSync(join(tmpdir(), 'netwright-compare-')), 'broken.netwright.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = netwright('compare', file, '--batch', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^netwright: The network has \d+ errors?; fix (it|them) before comparing "broken":\n- /);
  });

  it('refuses a batch list that is not whole numbers', () => {
    const r = netwright('compare', 'lenet5', '--batch', '1,0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^netwright: --batch must be whole numbers from 1 to 1024/);
  });

  it('prints a table with ms per image and the accuracy sources in text', () => {
    const r = netwright('compare', 'lenet5', 'alexnet-tv', '--batch', '2', '--repeats', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Forward time per image on the tfjs engine, backend \w+ \(median of 1 after a warm-up\)\n/);
    expect(r.out).toMatch(/\nalexnet-tv\s+61\.1M\s+714\.2M\s+[\d.]+ MiB\s+56\.5%\s+[\d.]+ ms\n/);
    expect(r.out).toContain("alexnet-tv: torchvision's model table, AlexNet_Weights.IMAGENET1K_V1");
  });
});

describeWhen(pythonHas('torch'), 'torch')('netwright compare --engine torch', () => {
  it("times the generated PyTorch models, in the same rows as the tfjs engine's (ResNet-20 with its zero-padding shortcuts)", () => {
    const r = netwright('compare', 'lenet5', 'resnet20-cifar', '--engine', 'torch', '--batch', '1,4', '--repeats', '3', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ engine: 'torch', repeats: 3 });
    expect(c.backend).toMatch(/^(cpu \(torch [\d.]+\S*, \d+ threads?\)|cuda \(torch [\d.]+\S*, .+\))$/);
    expect(c.rows[0]).toMatchObject({ name: 'lenet5', template: 'lenet5', params: 61_706, macs: 416_520, activationBytes: 35_512 });
    expect(c.rows[1]).toMatchObject({ name: 'resnet20-cifar', params: 269_722 });
    for (const row of c.rows) {
      expect(row.times.map((t: { batch: number }) => t.batch)).toEqual([1, 4]);
      for (const t of row.times) {
        expect(t.skipped).toBeUndefined();
        expect(t.secondsPerImage).toBeGreaterThan(0);
      }
    }
  }, 600_000);

  it('prints its table with the engine and PyTorch device named', () => {
    const r = netwright('compare', 'lenet5', '--engine', 'torch', '--batch', '2', '--repeats', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Forward time per image on the torch engine, backend (cpu|cuda) \(torch .+\) \(median of 1 after a warm-up\)\n/);
    expect(r.out).toMatch(/\nlenet5\s+61\.7K\s+416\.5K\s+[\d.]+ KiB\s+—\s+[\d.]+ ms\n?/);
  }, 600_000);
});
