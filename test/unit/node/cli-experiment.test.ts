/**
 * `netwright experiment`, run as a user runs it (needs `npm run build`): two tiny networks on
 * synthetic data trained one after another into a temporary data folder's run history, a line
 * per network, the final table, JSON lines, the overlaid chart written with -o; the preset's
 * substitute named; bad input refused in one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../node/runs';
import { tinyConvDoc, tinyDoc } from './tinyDoc';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const dir = mkdtempSync(join(tmpdir(), 'netwright-cli-experiment-'));
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, NETWRIGHT_DATA_DIR: join(dir, 'default-data') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dense = join(dir, 'dense.netwright.json');
const conv = join(dir, 'conv.netwright.json');
writeFileSync(dense, JSON.stringify(tinyDoc()));
writeFileSync(conv, JSON.stringify(tinyConvDoc()));

describe('netwright experiment', () => {
  it('trains two documents one after another into the run history, prints a table and writes one chart of both', async () => {
    const data = join(dir, 'data');
    const chart = join(dir, 'chart.svg');
    const r = netwright('experiment', dense, conv, '--dataset', 'synthetic:8:2:1', '--epochs', '2', '--batch', '25', '--limit', '100', '--name', 'Dense or conv', '--data-dir', data, '-o', chart);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('Experiment "Dense or conv": 2 networks on synthetic 8×8×1, 2 classes, 2 epoch(s) each, seed 1');
    expect(lines.filter((l) => /^\[\d\/2\] /.test(l)).map((l) => l.replace(/ · run .*/, ''))).toEqual(['[1/2] dense (130 parameters)', '[2/2] conv (166 parameters)']);
    expect(lines.filter((l) => /^ {2}epoch \d\/2: train acc [\d.]+ loss [\d.]+ · val acc [\d.]+ loss [\d.]+$/.test(l))).toHaveLength(4);
    expect(lines.at(-4)).toMatch(/^Network\s+Params\s+Train acc\s+Val acc\s+Status$/);
    expect(lines.at(-3)).toMatch(/^dense\s+130\s+[\d.]+%\s+[\d.]+%\s+done$/);
    expect(lines.at(-2)).toMatch(/^conv\s+166\s+[\d.]+%\s+[\d.]+%\s+done$/);
    expect(lines.at(-1)).toBe(`Chart: ${chart}`);

    const runs = await new RunStore(join(data, 'runs')).list();
    expect(runs).toHaveLength(2);
    const byIndex = runs.sort((a, b) => a.experiment!.index - b.experiment!.index);
    expect(byIndex.map((run) => [run.name, run.status, run.experiment!.name, run.epochs.length, run.settings.limit])).toEqual([
      ['Tiny', 'done', 'Dense or conv', 2, 100],
      ['Tiny conv', 'done', 'Dense or conv', 2, 100],
    ]);
    expect(byIndex[0]!.experiment!.id).toBe(byIndex[1]!.experiment!.id);

    const svg = readFileSync(chart, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/class="series val"/g)).toHaveLength(2);
    expect(svg.match(/class="series train"/g)).toHaveLength(2);
    expect(svg).toContain('Dense or conv · synthetic 8×8×1, 2 classes');
  }, 300_000);

  it('prints the events as JSON lines with --json, the last one the end, and writes the chart as PNG', () => {
    const png = join(dir, 'chart.png');
    const r = netwright('experiment', dense, '--epochs', '1', '--limit', '50', '--data-dir', join(dir, 'json-data'), '--json', '--metric', 'loss', '-o', png);
    expect(r.code).toBe(0);
    const events = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['start', 'network', 'epoch', 'network-end', 'end']);
    expect(events.at(-1).experiment).toMatchObject({ status: 'done', networks: [{ name: 'dense', params: 130, status: 'done' }] });
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }, 300_000);

  it('runs the Degradation preset on the substitute it names when CIFAR-10 is not in the cache; Ctrl+C stops the run and skips the rest', async () => {
    const child = spawn('node', [bin, 'experiment', '--preset', 'degradation', '--epochs', '1', '--limit', '16', '--batch', '8', '--data-dir', join(dir, 'preset-data')], { env: { ...process.env } });
    let out = '';
    child.stdout.setEncoding('utf8');
    // Interrupt once the first network's run has started: what a user's Ctrl+C does.
    const started = new Promise<void>((resolve) => child.stdout.on('data', (chunk: string) => ((out += chunk), /\[1\/4\] plain20-cifar/.test(out) && resolve())));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await started;
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^He et al\. observed that the 56-layer plain net has higher training error/);
    expect(lines[1]).toMatch(/^The paper trained 64k iterations/);
    expect(lines[2]).toBe("CIFAR-10 is not in the data folder's cache, so this trains on synthetic 32×32×3, 10 classes instead; download CIFAR-10 (Training tab, or netwright datasets download cifar10) to reproduce the paper's figure.");
    expect(lines[3]).toBe('Experiment "Degradation (He et al. 2015, Fig. 1)": 4 networks on synthetic 32×32×3, 10 classes, 1 epoch(s) each, seed 1');
    expect(lines).toContain('Cancelled.');
    expect(lines.slice(-4).map((l) => l.split(/\s{2,}/)[0] + ' ' + l.split(/\s{2,}/).at(-1))).toEqual(['plain20-cifar stopped', 'plain56-cifar skipped', 'resnet20-cifar skipped', 'resnet56-cifar skipped']);
    const runs = await new RunStore(join(dir, 'preset-data', 'runs')).list();
    expect(runs.map((r) => [r.status, r.dataset, r.settings.optimizer, r.settings.learningRate])).toEqual([['stopped', 'synthetic:32x32:10:3', 'sgd', 0.1]]);
  }, 300_000);

  it('refuses bad input in one line', () => {
    const bad = netwright('experiment', '--preset', 'degradation', dense);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('netwright: --preset names its own networks: give no files or template ids with it');
    const none = netwright('experiment');
    expect(none.err.split('\n')[0]).toBe('netwright: experiment takes one or more files or template ids, or --preset degradation');
    const unknown = netwright('experiment', '--preset', 'nope');
    expect(unknown.err.split('\n')[0]).toBe('netwright: --preset must be one of: degradation');
    const missing = netwright('experiment', join(dir, 'missing.json'), '--epochs', '1');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^netwright: Cannot read ".*missing\.json": it is neither a template id/);
  });
});
