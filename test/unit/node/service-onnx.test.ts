/**
 * The Export dialog's ONNX file through the service: `export.onnx` (in a trainer process built
 * from the current sources) gives a file onnxruntime runs as the engine runs the same weights,
 * fresh or a run's saved ones.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyOf, TrainApiEvent } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { lenet5 } from '../../../shared/templates/lenet5';
import { pickBackend } from '../../../node/engine/backend/choose';
import { loadModel } from '../../../node/engine/loop/checkpoint';
import { compileDocument } from '../../../node/engine/model/compile';
import { forkTrainerAt } from '../../../node/engine/process/runner';
import { appRoot } from '../../../node/paths';
import { createService } from '../../../node/service';
import { largestError } from '../codegen/onnxRun';

const buildDir = join(appRoot, 'node_modules', '.cache', `netwright-service-onnx-test-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'netwright-service-onnx-'));
const events: TrainApiEvent[] = [];
const service = createService({ transport: 'browser', version: 'test', emit: (e) => void (e.type === 'train' && events.push(e)), spawnTrainer: () => forkTrainerAt(join(buildDir, 'trainer.mjs')), dataDir });
const call = <T>(method: string, payload: unknown) => service.handle(method, payload) as Promise<T>;
const bytesOf = (reply: ReplyOf<'export.onnx'>) => new Uint8Array(Buffer.from(reply.base64, 'base64'));

beforeAll(async () => {
  mkdirSync(buildDir, { recursive: true });
  await build({ entryPoints: [join(appRoot, 'node/engine/process/trainer.ts')], outfile: join(buildDir, 'trainer.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  await pickBackend();
});
afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('export.onnx', () => {
  it('gives LeNet-5 with the weights a run of it starts from', async () => {
    const reply = await call<ReplyOf<'export.onnx'>>('export.onnx', { doc: lenet5() });
    expect(reply.filename).toBe('lenet_5.onnx');
    expect(reply.from).toMatch(/^freshly initialised by the tfjs engine \(Glorot uniform, seed \d+\)$/);
    const model = compileDocument(lenet5());
    expect(await largestError(model, bytesOf(reply))).toBeLessThan(1e-4);
    model.dispose();
  });

  it("gives a run's saved weights, and refuses a run that has none or is no run id", async () => {
    const doc = sequential('Small CNN', [
      { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
      { kind: 'Conv2D', params: { filters: 3, kernel: 3, activation: 'relu' } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    doc.training = { ...doc.training, dataset: 'synthetic:8:3:1', epochs: 1, batchSize: 50 };
    const { runId } = await call<{ runId: string }>('train.start', { doc });
    while (!events.some((e) => e.runId === runId && ['done', 'stopped', 'error'].includes(e.event.type))) await new Promise((r) => setTimeout(r, 50));
    const reply = await call<ReplyOf<'export.onnx'>>('export.onnx', { doc, run: { id: runId, weights: 'final' } });
    expect(reply.from).toMatch(/^trained: Small CNN, epoch 1 on synthetic:8:3:1/);
    const { dir } = await call<ReplyOf<'runs.model'>>('runs.model', { id: runId, weights: 'final' });
    const { model } = await loadModel(dir);
    expect(await largestError(model, bytesOf(reply), 6)).toBeLessThan(1e-4);
    model.dispose();
    await expect(call('export.onnx', { doc, run: { id: '00000000-0000-4000-8000-000000000000', weights: 'final' } })).rejects.toThrow(/^Run "00000000-0000-4000-8000-000000000000" has no final weights/);
    await expect(call('export.onnx', { doc, run: { id: '../elsewhere', weights: 'final' } })).rejects.toThrow('"../elsewhere" is not a run id.');
  });
});
