/**
 * CIFAR on the command line, run as a user runs it (needs `npm run build`, which `npm test` does
 * first): ResNet-20 trains an epoch on generated CIFAR-10 files (on the tfjs engine, and on the
 * torch engine where a Python with torch is found), and `datasets download` fetches
 * from a local server on 127.0.0.1 (never the internet) into the cache a run then reads.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { archiveServer, type ArchiveServer } from '../engine/archiveServer';
import { cifar10Files, CIFAR10_NAMES } from '../engine/cifarFiles';
import { pythonHas } from '../codegen/python';
import { itWhen } from '../../skip';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');

/** Run the CLI without blocking this process (the local server must answer meanwhile). */
function netwright(args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [bin, ...args], { env: { ...process.env, NETWRIGHT_DATA_DIR: dataDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
const dataDir = () => mkdtempSync(join(tmpdir(), 'netwright-data-'));
const events = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as TrainEvent);

let server: ArchiveServer;
beforeAll(async () => {
  server = await archiveServer();
});
afterAll(() => server.close());

describe('netwright train on CIFAR-10', () => {
  it('trains ResNet-20 for an epoch on files in the official binary format, naming the classes', async () => {
    const dir = cifar10Files(40, 50);
    const r = await netwright(['train', 'resnet20-cifar', '--dataset', `cifar10:${dir}`, '--epochs', '1', '--limit', '64', '--batch', '32', '--json'], dataDir());
    expect(r.code).toBe(0);
    const all = events(r.out);
    expect(all.find((e) => e.type === 'start')).toMatchObject({ type: 'start', trainSamples: 64, valSamples: 50, dataset: 'CIFAR-10', classNames: CIFAR10_NAMES, inputShape: [32, 32, 3] });
    expect(all.find((e) => e.type === 'log')).toEqual({ type: 'log', message: `${dir}: 200 training and 50 test images; the test images are the validation part.` });
    const evaluation = all.find((e) => e.type === 'evaluation');
    expect(evaluation).toMatchObject({ classNames: CIFAR10_NAMES });
    expect(evaluation?.type === 'evaluation' && evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(50);
    expect(all.at(-1)).toMatchObject({ type: 'done', epochs: [{ epoch: 1 }] });
  });

  itWhen(pythonHas('torch'), 'torch')('trains ResNet-20 on the same files with --engine torch: the same split and class names, PyTorch in a Python process', async () => {
    const dir = cifar10Files(40, 50);
    const r = await netwright(['train', 'resnet20-cifar', '--dataset', `cifar10:${dir}`, '--engine', 'torch', '--epochs', '1', '--limit', '64', '--batch', '32', '--json'], dataDir());
    expect(r.code, r.err).toBe(0);
    const all = events(r.out);
    expect(all.find((e) => e.type === 'start')).toMatchObject({ type: 'start', engine: 'torch', trainSamples: 64, valSamples: 50, dataset: 'CIFAR-10', classNames: CIFAR10_NAMES, inputShape: [32, 32, 3] });
    const evaluation = all.find((e) => e.type === 'evaluation');
    expect(evaluation?.type === 'evaluation' && evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(50);
    expect(all.at(-1)).toMatchObject({ type: 'done', engine: 'torch', epochs: [{ epoch: 1 }] });
  });

  it('says how to get CIFAR-10 when it is not in the cache', async () => {
    const data = dataDir();
    const r = await netwright(['train', 'resnet20-cifar', '--dataset', 'cifar10', '--epochs', '1', '--limit', '8'], data);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`Training failed: CIFAR-10 is not in ${join(data, 'cache', 'cifar-10-batches-bin')}: run "netwright datasets download cifar10"`);
  });
});

describe('netwright datasets download', () => {
  it('downloads into the cache, which the list and a run then find', async () => {
    const data = dataDir();
    const r = await netwright(['datasets', 'download', 'cifar10', '--url', `${server.base}/cifar.tar.gz`, '--md5', server.md5], data);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const folder = join(data, 'cache', 'cifar-10-batches-bin');
    expect(r.out).toContain(`Downloading CIFAR-10 from ${server.base}/cifar.tar.gz into ${join(data, 'cache')}\n`);
    expect(r.out).toMatch(/100% \(0\.\d of 0\.\d MB\)\n/);
    expect(r.out).toContain(`CIFAR-10 is in ${folder}: train on it with --dataset cifar10.\n`);
    expect((await netwright(['datasets'], data)).out).toBe(`cifar10\tin the cache\t${folder}\ncifar100\tnot downloaded\t${join(data, 'cache', 'cifar-100-binary')}\n`);
    const run = await netwright(['train', 'resnet20-cifar', '--dataset', 'cifar10', '--epochs', '1', '--limit', '8', '--json'], data);
    expect(events(run.out).find((e) => e.type === 'start')).toMatchObject({ type: 'start', trainSamples: 8, valSamples: 5, dataset: 'CIFAR-10' });
  });

  it('exits 3 with one line for a wrong checksum or a 404, keeping nothing; 2 for a bad name', async () => {
    const data = dataDir();
    const wrong = await netwright(['datasets', 'download', 'cifar10', '--url', `${server.base}/cifar.tar.gz`, '--data-dir', data], dataDir());
    expect(wrong.code).toBe(3);
    expect(wrong.err).toBe(`netwright: The archive from ${server.base}/cifar.tar.gz has MD5 ${server.md5}, not the published c32a1d4ab5d03f1284b67883e8d87530: it was damaged or changed on the way; nothing was kept.\n`);
    const missing = await netwright(['datasets', 'download', 'cifar10', '--url', `${server.base}/none.tar.gz`, '--data-dir', data], dataDir());
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/^netwright: 127\.0\.0\.1:\d+ answered HTTP 404 Not Found for CIFAR-10\. Download \S+ by other means and unpack it into \S+ \(it holds cifar-10-batches-bin\/\)\.\n$/);
    expect(readdirSync(join(data, 'cache'))).toEqual([]);
    const bad = await netwright(['datasets', 'download', 'imagenet'], data);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^netwright: datasets download takes one of: cifar10, cifar100\n/);
  });
});
