/**
 * `netwright export … --to onnx -o FILE [--weights DIR|FILE]`, run as a user runs it (needs
 * `npm run build`): a run's saved weights, or fresh ones, in a file onnxruntime runs as the
 * engine does; and the one-line refusals.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocument } from '../../../shared/graph/load';
import { sequential } from '../../../shared/templates/build';
import { pickBackend } from '../../../node/engine/backend/choose';
import { loadModel } from '../../../node/engine/loop/checkpoint';
import { largestError } from '../codegen/onnxRun';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A small convolutional net, so that the Transpose before Flatten matters. */
const small = () =>
  sequential('Small CNN', [
    { kind: 'Input', params: { height: 12, width: 12, channels: 1 } },
    { kind: 'Conv2D', params: { filters: 4, kernel: 3, activation: 'relu' }, label: 'conv' },
    { kind: 'MaxPool2D', params: { size: 2, stride: 2 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 3, activation: 'softmax' }, label: 'out' },
  ]);

describe('netwright export --to onnx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-cli-onnx-'));
  const docPath = join(dir, 'small.netwright.json');
  writeFileSync(docPath, saveDocument(small()));

  it("writes a run's saved weights, which onnxruntime runs as the engine runs the saved model", async () => {
    const save = join(dir, 'run');
    const train = netwright('train', docPath, '--dataset', 'synthetic:12:3:1', '--epochs', '1', '--limit', '200', '--backend', 'wasm', '--save', save, '--json');
    expect(train.code, train.err).toBe(0);
    const out = join(dir, 'trained.onnx');
    const r = netwright('export', docPath, '--to', 'onnx', '--weights', save, '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Wrote ${out} (onnx, opset 13; weights trained: Small CNN, epoch 1 on synthetic:12:3:1, validation accuracy ${r.out.match(/accuracy (\d+\.\d)%/)?.[1]}% (${save}))\n`);
    const onnx = new Uint8Array(readFileSync(out));
    // The file says where its weights came from and that blocks are inlined.
    expect(Buffer.from(onnx).toString('utf8')).toContain('Weights: trained: Small CNN, epoch 1');
    await pickBackend();
    const { model } = await loadModel(save);
    expect(await largestError(model, onnx, 4)).toBeLessThan(1e-4);
    // The same for the saved model.json named as the file.
    expect(netwright('export', docPath, '--to', 'onnx', '--weights', join(save, 'model.json'), '-o', join(dir, 'again.onnx')).code).toBe(0);
    expect(readFileSync(join(dir, 'again.onnx')).equals(Buffer.from(onnx))).toBe(true);
    model.dispose();
  });

  it('writes fresh weights without --weights, and says so', () => {
    const out = join(dir, 'lenet5.onnx');
    const r = netwright('export', 'lenet5', '--to', 'onnx', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Wrote .*lenet5\.onnx \(onnx, opset 13; weights freshly initialised by the tfjs engine \(Glorot uniform, seed \d+\)\)\n$/);
    expect(readFileSync(out).toString('utf8')).toContain('Blocks are inlined');
  });

  it('refuses: no -o, --weights for code, a graph with errors, weights that are missing or of another network (in one line)', () => {
    expect(netwright('export', 'lenet5', '--to', 'onnx')).toMatchObject({ code: 2, err: expect.stringContaining('--to onnx needs -o FILE') });
    expect(netwright('export', 'lenet5', '--to', 'pytorch', '--weights', dir)).toMatchObject({ code: 2, err: expect.stringContaining('--weights is for --to onnx') });
    const missing = netwright('export', 'lenet5', '--to', 'onnx', '--weights', join(dir, 'nothing'), '-o', join(dir, 'x.onnx'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/holds no saved Netwright model/);
    const broken = join(dir, 'broken.netwright.json');
    const doc = small();
    doc.graph.nodes[1]!.params.kernel = 20;
    writeFileSync(broken, saveDocument(doc));
    expect(netwright('export', broken, '--to', 'onnx', '-o', join(dir, 'x.onnx'))).toMatchObject({ code: 1, err: expect.stringMatching(/^netwright: The network has 1 error; fix it before exporting:\n- conv: /) });
    const other = netwright('export', 'lenet5', '--to', 'onnx', '--weights', join(dir, 'run'), '-o', join(dir, 'x.onnx'));
    expect(other.code).toBe(1);
    expect(other.err.trim().split('\n')).toEqual([expect.stringMatching(/C1: the weights have no kernel for this layer \(are they another network's\?\)/)]);
  });
});
