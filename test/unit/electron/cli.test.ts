/** The `netwright` command, run as a user runs it (needs `npm run build`, which `npm test` does first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

  it('exits 1 for an invalid document and 2 for a usage error', () => {
    const broken = netwright('summary', file('x.netwright.json', '{"format":"netwright","version":7}'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/version 7, newer than this app/);
    expect(netwright('summary', join(tmpdir(), 'no-such-file.json')).code).toBe(1);
    expect(netwright('frobnicate').code).toBe(2);
    expect(netwright('train', 'lenet5', '--epochs', 'many').err).toMatch(/--epochs must be a whole number/);
    expect(netwright('train', 'lenet5', '--dataset', 'imagenet').code).toBe(2);
  });

  it('reports shape errors in the summary and refuses to train them', () => {
    const doc = JSON.parse(spawnSync('cat', [join(__dirname, '..', '..', '..', 'templates', 'lenet5.netwright.json')], { encoding: 'utf8' }).stdout);
    doc.graph.nodes[1].params.kernel = 50;
    const path = file('bad.netwright.json', JSON.stringify(doc));
    const s = JSON.parse(netwright('summary', path, '--json').out);
    expect(s.errors[0]).toEqual({ node: 'C1', message: 'output = (28 + 2·2 − 50) / 1 + 1 = -17: kernel 50 is larger than the 28×28 input padded by 2 — use padding "same" or a smaller kernel' });
    const t = netwright('train', path, '--epochs', '1');
    expect(t.code).toBe(1);
    expect(t.err).toContain('kernel 50 is larger');
  });

  it('trains LeNet-5 on MNIST to ≥ 0.94 validation accuracy in 3 epochs, streaming JSON events', () => {
    const r = netwright('train', 'lenet5', '--dataset', 'mnist', '--epochs', '3', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'start', engine: 'tfjs', trainSamples: 8000, valSamples: 2000 });
    const done = events.at(-1);
    expect(done.type).toBe('done');
    expect(done.epochs).toHaveLength(3);
    expect(done.epochs[2].valAcc).toBeGreaterThanOrEqual(0.94);
    expect(Object.keys(done.epochs[0]).sort()).toEqual(['acc', 'epoch', 'loss', 'valAcc', 'valLoss']);
    expect(done.samplesPerSecond).toBeGreaterThan(0);
    console.log(`lenet5 3 epochs: valAcc ${done.epochs.map((e: any) => e.valAcc.toFixed(4)).join(', ')} · ${Math.round(done.samplesPerSecond)} samples/s on ${done.backend}`);
  }, 600_000);
});
