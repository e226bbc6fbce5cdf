/**
 * `netwright train --weights`, run as a user runs it (needs `npm run build`, which `npm test` does
 * first): a frozen network started from a file says what it loaded and what it trains; a missing
 * file and a bare flag are one line each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocument } from '../../../shared/graph/load';
import { writeSafetensors } from '../../../shared/weights/safetensors';
import { colourFolder, frozenBeforeHead, pretrained, smallNet } from '../engine/fineTuneFixtures';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, NETWRIGHT_DATA_DIR: mkdtempSync(join(tmpdir(), 'netwright-cli-data-')) } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('netwright train --weights', () => {
  it('starts from the file, leaves out the resized head, and prints the trainable and frozen counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-cli-finetune-'));
    const doc = join(dir, 'small.json');
    writeFileSync(doc, saveDocument(frozenBeforeHead(smallNet(3))));
    const weights = join(dir, 'imagenet-like.safetensors');
    writeFileSync(weights, writeSafetensors(pretrained(1000)));
    const r = netwright('train', doc, '--weights', weights, '--dataset', await colourFolder(6), '--epochs', '1', '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Started from ${weights}: 2 layers loaded; fc: new, 3 classes (its weights start at random).\n`);
    expect(r.out).toContain('Parameters: 27 trainable, 240 frozen\n');
    expect(r.out).toMatch(/^Feature cache: the frozen part up to pool runs once per image/m);
  });

  it('says in one line when the file is not there, or the flag has no value', () => {
    const missing = netwright('train', 'lenet5', '--weights', '/no/such.pth');
    expect(missing.code).toBe(1);
    expect(missing.err.trim()).toMatch(/\/no\/such\.pth does not exist\.$/);
    const bare = netwright('train', 'lenet5', '--weights');
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('--weights needs a value');
  });
});
