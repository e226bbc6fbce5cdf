/** `netwright freeze` and `netwright adapt`, run as a user runs them (needs `npm run build`, which `npm test` does first). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/graph/load';
import type { NetwrightDocument } from '../../../shared/graph/schema';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = () => mkdtempSync(join(tmpdir(), 'netwright-freeze-'));
const parse = (text: string): NetwrightDocument => {
  const loaded = loadDocument(text);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.doc;
};
const frozen = (doc: NetwrightDocument) => doc.graph.nodes.filter((n) => n.frozen).map((n) => n.id);

describe('netwright freeze', () => {
  it('freezes everything before a node named by label, writes the file and says what trains', () => {
    const out = join(dir(), 'r18.netwright.json');
    const r = netwright('freeze', 'resnet18', '--before', 'fc', '-o', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Wrote ${out}: 11,689,512 parameters (513,000 trainable, 11,176,512 frozen)\n`);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(frozen(doc)).toEqual(doc.graph.nodes.filter((n) => n.id !== 'fc').map((n) => n.id));

    // --nodes adds to what is frozen, by id or label; --none clears it; without -o the document is printed.
    const lenet = netwright('freeze', 'lenet5', '--nodes', 'C1,c3');
    expect(lenet.code).toBe(0);
    expect(frozen(parse(lenet.out))).toEqual(['c1', 'c3']);
    expect(lenet.err).toBe('61,706 parameters (59,134 trainable, 2,572 frozen)\n');
    expect(netwright('summary', out).out).toMatch(/^Total parameters: 11,689,512 \(\+ 9,600 non-trainable\)\nTrainable: 513,000, frozen: 11,176,512$/m);
    const none = netwright('freeze', out, '--none');
    expect(frozen(parse(none.out))).toEqual([]);
    expect(none.err).toBe('11,689,512 parameters\n');
  });

  it('refuses an unknown node in one line, and a missing or doubled mode with the usage', () => {
    const r = netwright('freeze', 'lenet5', '--before', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toBe('netwright: The network has no node "nowhere" (by id or label).\n');
    expect(r.out).toBe('');
    const both = netwright('freeze', 'lenet5', '--before', 'c1', '--none');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/^netwright: freeze takes one of --before NODE, --nodes A,B or --none\n\nUsage:/);
    expect(netwright('freeze', 'lenet5').code).toBe(2);
  });
});

describe('netwright adapt', () => {
  it("gives the head a folder's classes, keeping its id, and says so", () => {
    const photos = dir();
    // Only the names are read to count classes: the files need not be images yet.
    for (const c of ['ants', 'bees', 'wasps']) {
      mkdirSync(join(photos, c));
      writeFileSync(join(photos, c, '1.jpg'), '');
    }
    const out = join(dir(), 'r18.netwright.json');
    const r = netwright('adapt', 'resnet18', '--dataset', photos, '-o', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Wrote ${out}: fc: 1000 → 3 units, one per class. Its old weights no longer fit and are not loaded; every other layer's are.\n`);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(doc.graph.nodes.find((n) => n.id === 'fc')!.params.units).toBe(3);

    const cifar = netwright('adapt', out, '--dataset', 'cifar100:coarse');
    expect(parse(cifar.out).graph.nodes.find((n) => n.id === 'fc')!.params.units).toBe(20);
    const same = netwright('adapt', 'lenet5', '--classes', '10');
    expect(same.err).toBe('Output already has 10 units, one per class; nothing changed.\n');
  });

  it('refuses a folder without classes, a network without a Dense layer, and a missing dataset', () => {
    const empty = netwright('adapt', 'lenet5', '--dataset', join(dir(), 'none'));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^netwright: The dataset folder .* does not exist\.\n$/);
    expect(netwright('adapt', 'inception-naive', '--classes', '3').err).toMatch(/^netwright: The network has no Dense layer to resize/);
    expect(netwright('adapt', 'lenet5').err).toMatch(/^netwright: adapt takes --dataset SPEC or --classes N\n/);
  });

  it('is in --help', () => {
    const help = netwright('--help').out;
    expect(help).toContain('freeze <file|template> --before NODE | --nodes A,B | --none [-o FILE]');
    expect(help).toContain('adapt <file|template> --dataset SPEC | --classes N [-o FILE]');
  });
});
