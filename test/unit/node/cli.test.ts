/** The `netwright` command, run as a user runs it (needs `npm run build`, which `npm test` does first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateOff, secondsPerEpoch } from '../../../shared/timeText';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'netwright-cli-')), name);
  writeFileSync(path, text);
  return path;
};

describe('netwright CLI', () => {
  it('lists the templates, one id per line', () => {
    const r = netwright('templates');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toContain('lenet5');
  });

  it('summarises LeNet-5 as JSON', () => {
    const r = netwright('summary', 'lenet5', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.totals).toMatchObject({ params: 61706, nonTrainable: 0 });
    expect(s.errors).toEqual([]);
    expect(s.layers[1]).toEqual({ name: 'C1', kind: 'Conv2D', outputShape: [28, 28, 6], params: 156, macs: 28 * 28 * 6 * 25, activations: 28 * 28 * 6, receptiveField: { size: 5, jump: 1 } });
    expect(s.layers[5]).toEqual({ name: 'Flatten', kind: 'Flatten', outputShape: [400], params: 0, macs: 0, activations: 0, receptiveField: null });
    expect(s.blocks).toEqual([]);
  });

  it('summarises GoogLeNet with one row per Inception instance', () => {
    const s = JSON.parse(netwright('summary', 'googlenet', '--json').out);
    expect(s.totals.params).toBe(6_998_552);
    expect(s.blocks).toHaveLength(9);
    expect(s.blocks[0]).toEqual({ id: 'inception-3a', name: 'inception 3a', block: 'Inception', outputShape: [28, 28, 256], params: 163_696, macs: 128_049_152, layers: 10 });
  });

  it('prints a table with the totals', () => {
    const r = netwright('summary', 'lenet5');
    expect(r.out).toMatch(/C3\s+Conv2D\s+10×10×16\s+2,416\s+240\.0K\s+1\.6K\s+14/);
    expect(r.out).toContain('Total parameters: 61,706');
  });

  it("prints the lecture's figures beside Netwright's with --lecture, the reason under each that differs", () => {
    const r = netwright('summary', 'vgg16', '--lecture');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^TOTAL memory\s+24M \* 4 bytes ≈ 96MB \/ image\s+15,237,608 \(58\.1 MiB\)\s+≠\n\s+The lecture's sum is wrong: its own rows/m);
    expect(r.out).toMatch(/^TOTAL params\s+138M parameters\s+138,357,544\s+=$/m);
    const json = JSON.parse(netwright('summary', 'inception-bottleneck', '--lecture', '--json').out);
    expect(json.at(-1)).toMatchObject({ what: 'Total operations', says: 'Total: 353M ops', netwright: 271_351_808, agrees: false });
    expect(json.at(-1).nodes).toHaveLength(6);
    expect(netwright('summary', 'resnet18', '--lecture').out).toMatch(/^The lecture gives no figures for "ResNet-18"/);
  });

  it('exits 1 for an invalid document and 2 for a usage error', () => {
    const broken = netwright('summary', file('x.netwright.json', '{"format":"netwright","version":7}'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/version 7, newer than this app/);
    expect(netwright('summary', join(tmpdir(), 'no-such-file.json')).code).toBe(1);
    expect(netwright('frobnicate').code).toBe(2);
    expect(netwright('train', 'lenet5', '--epochs', 'many').err).toMatch(/--epochs must be a whole number/);
    expect(netwright('train', 'lenet5', '--dataset', 'imagenet').code).toBe(2);
  });

  it('refuses bad training flags with exit 2', () => {
    const engine = netwright('train', 'lenet5', '--engine', 'jax');
    expect(engine.code).toBe(2);
    expect(engine.err).toMatch(/^netwright: --engine must be one of: tfjs, torch/);
    expect(netwright('train', 'lenet5', '--dataset', 'imagenet').err).toMatch(/--dataset: Unknown dataset "imagenet"/);
    expect(netwright('train', 'lenet5', '--optimizer', 'lion').err).toMatch(/--optimizer must be one of: sgd, adam, rmsprop/);
    expect(netwright('train', 'lenet5', '--lr', '0').err).toMatch(/--lr must be a number above 0/);
    expect(netwright('train', 'lenet5', '--backend', 'gpu').err).toMatch(/--backend must be one of: tensorflow, wasm, cpu/);
    expect(netwright('evaluate').code).toBe(2);
    const missing = netwright('evaluate', join(tmpdir(), 'no-such-model'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/holds no saved model/);
  });

  it('trains on synthetic images with SGD on two wasm threads, saves the model, and evaluate gives the same accuracy', () => {
    const doc = JSON.parse(spawnSync('cat', [join(__dirname, '..', '..', '..', 'templates', 'lenet5.netwright.json')], { encoding: 'utf8' }).stdout);
    doc.name = 'Tiny MLP';
    doc.graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { height: 12, width: 12, channels: 1 }, position: { x: 0, y: 0 } },
        { id: 'flat', kind: 'Flatten', params: {}, position: { x: 0, y: 80 } },
        { id: 'out', kind: 'Dense', params: { units: 3, activation: 'softmax' }, position: { x: 0, y: 160 } },
      ],
      edges: [
        { id: 'e1', source: 'in', target: 'flat', targetPort: 0 },
        { id: 'e2', source: 'flat', target: 'out', targetPort: 0 },
      ],
    };
    const path = file('tiny.netwright.json', JSON.stringify(doc));
    const save = join(mkdtempSync(join(tmpdir(), 'netwright-cli-save-')), 'model');
    const r = netwright('train', path, '--dataset', 'synthetic:12:3:1', '--epochs', '2', '--limit', '300', '--optimizer', 'sgd', '--lr', '0.05', '--backend', 'wasm', '--threads', '2', '--save', save, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    // Two wasm threads, and the trainer (with its thread pool) still ends by itself.
    expect(events[0]).toMatchObject({ type: 'start', backend: 'wasm', threads: 2, trainSamples: 300, valSamples: 300, dataset: 'synthetic 12×12×1, 3 classes' });
    const done = events.at(-1);
    expect(done.type).toBe('done');
    // Sampled batches' health: 300 samples in batches of 32 (the document's) are 10 an epoch, so batches 1, 2, 4, 8 and 16 of the run's 20.
    const health = events.filter((x) => x.type === 'health');
    expect(health.map((h) => h.step)).toEqual([1, 2, 4, 8, 16]);
    expect(health[0].nodes).toEqual([{ node: 'out', layer: expect.any(String), weightNorm: expect.any(Number), gradNorm: expect.any(Number), updateRatio: expect.any(Number) }]);
    const e = netwright('evaluate', save, '--json');
    expect(e.err).toBe('');
    const report = JSON.parse(e.out);
    expect(report).toMatchObject({ dataset: 'synthetic:12:3:1', samples: 300, classNames: ['disc, solid', 'square, solid', 'triangle, solid'] });
    expect(report.accuracy).toBeCloseTo(done.epochs[1].valAcc, 6);
    expect(report.loss).toBeCloseTo(done.epochs[1].valLoss, 4);
    const text = netwright('evaluate', save, '--limit', '30');
    expect(text.out).toMatch(/^Tiny MLP \(epoch 2\) on 30 validation samples of synthetic 12×12×1, 3 classes · backend wasm\nloss \d\.\d{4} · accuracy \d\.\d{4}\n/);
  }, 300_000);

  it('reports shape errors in the summary and refuses to train them', () => {
    const doc = JSON.parse(spawnSync('cat', [join(__dirname, '..', '..', '..', 'templates', 'lenet5.netwright.json')], { encoding: 'utf8' }).stdout);
    doc.graph.nodes[1].params.kernel = 50;
    const path = file('bad.netwright.json', JSON.stringify(doc));
    const json = netwright('summary', path, '--json');
    // The document loads, but its graph has errors: the summary still prints, and the exit code is 1.
    expect(json.code).toBe(1);
    const s = JSON.parse(json.out);
    expect(s.errors[0]).toEqual({ node: 'C1', message: 'output = (28 + 2·2 − 50) / 1 + 1 = -17: kernel 50 is larger than the 28×28 input padded by 2 — use padding "same" or a smaller kernel' });
    const text = netwright('summary', path);
    expect(text.code).toBe(1);
    expect(text.out).toContain('Total parameters:');
    expect(text.out.trimEnd().split('\n').at(-1)).toBe('Error in C1: output = (28 + 2·2 − 50) / 1 + 1 = -17: kernel 50 is larger than the 28×28 input padded by 2 — use padding "same" or a smaller kernel');
    expect(netwright('summary', 'lenet5').code).toBe(0);
    expect(netwright('--help').out).toMatch(/graph's errors; exits 1 when it has any/);
    const t = netwright('train', path, '--epochs', '1');
    expect(t.code).toBe(1);
    expect(t.err).toContain('kernel 50 is larger');
  });

  it('trains LeNet-5 on MNIST to ≥ 0.94 validation accuracy in 3 epochs, streaming JSON events, after an estimate of its speed', () => {
    const r = netwright('train', 'lenet5', '--dataset', 'mnist', '--epochs', '3', '--estimate', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [estimate, ...events] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(estimate).toMatchObject({ type: 'estimate', engine: 'tfjs', trainSamples: 8000, valSamples: 2000 });
    expect(events[0]).toMatchObject({ type: 'start', engine: 'tfjs', trainSamples: 8000, valSamples: 2000, dataset: 'MNIST' });
    const done = events.at(-1);
    expect(done.type).toBe('done');
    expect(done.epochs).toHaveLength(3);
    expect(done.epochs[2].valAcc).toBeGreaterThanOrEqual(0.94);
    expect(Object.keys(done.epochs[0]).sort()).toEqual(['acc', 'epoch', 'loss', 'seconds', 'valAcc', 'valLoss']);
    expect(done.samplesPerSecond).toBeGreaterThan(0);
    // The estimate against the run: both printed; how close they must be is the bench's to say (npm run bench estimate), never a test's.
    const took = secondsPerEpoch(done.epochs)!;
    console.log(`lenet5 3 epochs: valAcc ${done.epochs.map((e: any) => e.valAcc.toFixed(4)).join(', ')} · ${Math.round(done.samplesPerSecond)} samples/s on ${done.backend} · speed ${estimateOff(estimate.secondsPerEpoch, took)}`);
  }, 600_000);
});

describe('netwright train --estimate', () => {
  it('measures Mini-VGG\'s speed first, shows each epoch\'s time, and says how far off the estimate was', () => {
    const r = netwright('train', 'mini-vgg', '--dataset', 'mnist', '--epochs', '1', '--limit', '2000', '--estimate');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Estimate: [\d.]+ (s|min \d+ s) per epoch \(tfjs · wasm\)\n/);
    expect(r.out).toMatch(/Epoch 1\/1: .* val acc [\d.]+ · [\d.]+ (s|min \d+ s)\n/);
    const speed = /Speed: estimated .*, took .* an epoch: .*\n/.exec(r.out);
    expect(speed).not.toBeNull();
    console.log(`mini-vgg, 2,000 samples, 1 epoch · ${speed![0].trim()}`);
  }, 600_000);
});

describe('netwright export and import of figures and models', () => {
  it('exports a figure as SVG and PNG', () => {
    const svg = netwright('export', 'lenet5', '--to', 'svg');
    expect(svg.code).toBe(0);
    expect(svg.out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = join(mkdtempSync(join(tmpdir(), 'netwright-png-')), 'lenet.png');
    expect(netwright('export', 'lenet5', '--to', 'png', '-o', png).code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(netwright('export', 'lenet5', '--to', 'png').code).toBe(2);
  });

  it('imports a Keras config as a document, and refuses what it cannot import', () => {
    const fixture = join(__dirname, '..', '..', 'fixtures', 'import', 'keras3-functional.json');
    const r = netwright('import', fixture);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'netwright', name: 'tiny_resnet' });
    const bad = file('bad.json', readFileSync(fixture, 'utf8').replace('"GlobalAveragePooling2D"', '"Cropping2D"'));
    const refused = netwright('import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`netwright: ${bad}: layer #5 "gap" (Cropping2D): Cropping2D has no Netwright equivalent\n`);
  });
});
