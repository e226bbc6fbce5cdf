/**
 * `netwright weights` and `weights download`, run as functions against a local server on
 * 127.0.0.1 standing in for torchvision's folder (`--url`; no test reaches the internet): the list
 * says what is cached and where, a file that does not match the hash in torchvision's name exits 3
 * keeping nothing, and `predict --weights imagenet` before a download says how to get them.
 */
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { predictCommand } from '../../../node/cli/predict';
import { weightsCommand } from '../../../node/cli/weights';
import { buildTemplate } from '../../../shared/templates';
import { checkpointServer, type CheckpointServer } from '../engine/checkpointServer';

let server: CheckpointServer;
beforeAll(async () => {
  server = await checkpointServer();
});
afterAll(() => server.close());

/** Run `weights` with a fresh data folder: its exit code, what it printed and wrote to stderr. */
async function run(positional: string[], flags: Record<string, string>, dataDir = mkdtempSync(join(tmpdir(), 'netwright-data-'))) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await weightsCommand(positional, { 'data-dir': dataDir, ...flags }, out as unknown as NodeJS.WriteStream);
    return { code, text, errors: stderr.mock.calls.map((c) => String(c[0])).join(''), dataDir };
  } finally {
    stderr.mockRestore();
  }
}

describe('netwright weights', () => {
  it('lists the templates with published weights, which are cached, where, and from where', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netwright-data-'));
    mkdirSync(join(dataDir, 'cache', 'weights'), { recursive: true });
    writeFileSync(join(dataDir, 'cache', 'weights', 'vgg16-397923af.pth'), 'cached');
    const { code, text } = await run([], {}, dataDir);
    expect(code).toBe(0);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe(`resnet18\tnot downloaded\t${join(dataDir, 'cache', 'weights', 'resnet18-f37072fd.pth')}\thttps://download.pytorch.org/models/resnet18-f37072fd.pth`);
    expect(lines[5]).toBe(`vgg16\tin the cache\t${join(dataDir, 'cache', 'weights', 'vgg16-397923af.pth')}\thttps://download.pytorch.org/models/vgg16-397923af.pth`);
  });

  it('exits 3 and keeps nothing when the served file does not match the hash in its name', async () => {
    const { code, text, errors, dataDir } = await run(['download', 'resnet18'], { url: server.base });
    const url = `${server.base}resnet18-f37072fd.pth`;
    expect(code).toBe(3);
    const [first, ...progress] = text.trim().split('\n');
    expect(first).toBe(`Downloading ResNet-18's ImageNet weights from ${url} into ${join(dataDir, 'cache', 'weights')}`);
    // Not a terminal: a line at every tenth, the last at 100%.
    expect(progress.at(-1)).toMatch(/^100% \(\d+\.\d of \d+\.\d MB\)$/);
    expect(errors).toBe(`netwright: The file from ${url} has SHA-256 ${server.sha256}, which does not start with the f37072fd its name carries: it was damaged or changed on the way; nothing was kept.\n`);
    expect(readdirSync(join(dataDir, 'cache', 'weights'))).toEqual([]);
  });

  it('refuses a template without published weights', async () => {
    await expect(run(['download', 'googlenet'], {})).rejects.toThrow('weights download takes one of: resnet18|resnet34|resnet50|resnet101|resnet152|vgg16|vgg19|alexnet-tv|densenet121');
  });

  it('predict --weights imagenet before the download names the command that fetches them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netwright-data-'));
    vi.stubEnv('NETWRIGHT_DATA_DIR', dataDir);
    try {
      await expect(predictCommand(buildTemplate('resnet18')!, { weights: 'imagenet', image: 'cat.jpg' })).rejects.toThrow("ResNet-18's ImageNet weights are not in the cache yet: netwright weights download resnet18");
      await expect(predictCommand(buildTemplate('lenet5')!, { weights: 'imagenet', image: 'cat.jpg' })).rejects.toThrow(/^LeNet-5 has no published ImageNet weights \(these templates have: resnet18, .*densenet121\)\.$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
