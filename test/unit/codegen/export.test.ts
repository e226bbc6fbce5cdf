/**
 * `exportDocument` and `netwright export`, run as a user runs it (needs `node scripts/build.mjs`,
 * which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_TARGETS, ExportError, exportDocument } from '../../../shared/codegen/index';
import { loadDocument } from '../../../shared/graph/load';
import { buildTemplate } from '../../../shared/templates/index';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const temp = () => mkdtempSync(join(tmpdir(), 'netwright-export-'));

describe('exportDocument', () => {
  it('names the file after the document, per target', () => {
    const doc = buildTemplate('lenet5')!;
    expect(EXPORT_TARGETS.map((to) => exportDocument(doc, to).filename)).toEqual(['lenet_5.py', 'lenet_5_keras.py', 'lenet_5.ts', 'lenet_5.netwright.json']);
    expect(exportDocument(doc, 'pytorch').text).toContain('class LeNet5(nn.Module):');
    expect(exportDocument(doc, 'keras').text).toContain('def build_model():');
    expect(exportDocument(doc, 'tfjs').text).toContain('export function buildModel(): tf.LayersModel {');
  });

  it('exports JSON that loads back as the same document, errors and all', () => {
    const doc = buildTemplate('resnet18')!;
    doc.graph.nodes[1]!.params.kernel = 500;
    const loaded = loadDocument(exportDocument(doc, 'json').text);
    expect(loaded).toEqual({ ok: true, doc });
    expect(() => exportDocument(doc, 'pytorch')).toThrow(ExportError);
  });
});

describe('netwright export', () => {
  it('prints LeNet-5 as a PyTorch module', () => {
    const r = netwright('export', 'lenet5', '--to', 'pytorch');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('class LeNet5(nn.Module):');
    expect(r.out).toBe(exportDocument(buildTemplate('lenet5')!, 'pytorch').text);
  });

  it('writes the file given with -o', () => {
    const path = join(temp(), 'googlenet.ts');
    const r = netwright('export', 'googlenet', '-o', path, '--to=tfjs');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Wrote ${path} (tfjs)\n`);
    expect(readFileSync(path, 'utf8')).toBe(exportDocument(buildTemplate('googlenet')!, 'tfjs').text);
  });

  it('exits 2 for a usage error and 1 for a document with errors', () => {
    const bogus = netwright('export', 'lenet5', '--to', 'bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/^netwright: --to must be one of: pytorch, keras, tfjs, json, onnx, svg, png, pytorch-project\n/);
    expect(netwright('export', 'lenet5').code).toBe(2);
    expect(netwright('export', 'lenet5', '--to', 'keras', '-o').code).toBe(2);
    expect(netwright('export', 'lenet5', 'alexnet', '--to', 'keras').code).toBe(2);

    const doc = buildTemplate('lenet5')!;
    doc.graph.nodes[1]!.params.kernel = 50;
    const path = join(temp(), 'bad.netwright.json');
    writeFileSync(path, JSON.stringify(doc));
    const bad = netwright('export', path, '--to', 'pytorch');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('netwright: The network has 1 error; fix it before exporting:\n- C1: output = (28 + 2·2 − 50) / 1 + 1 = -17');
    expect(netwright('export', path, '--to', 'json').code).toBe(0);
  });
});
