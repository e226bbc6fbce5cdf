/**
 * The torch engine through the service, as the app uses it: `train.start` with `engine: 'torch'`
 * runs the generated train.py in a real Python (Debian's python3-torch) with the same events and
 * run history as the tfjs engine, pause/resume/stop included; the settings' Python path comes
 * first; a machine without PyTorch gets an error event that says what to install. "Measure
 * speed" (`train.estimate`) times the torch engine, not the tfjs one. Also the settings methods
 * and `torch.detect`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainApiEvent, Estimate, RunSummary, TorchDetection, TrainEvent } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { NO_TORCH } from '../../../node/engine/torch/process';
import { findTorchPythonSync } from '../../../node/engine/torch/python';
import { fakePython } from '../engine/fakePython';
import { createService } from '../../../node/service';
import { itWhen } from '../../skip';

const torch = findTorchPythonSync();
if (!torch) console.warn('Skipping the torch engine runs through the service: no Python here can import torch (apt-get install python3-torch).');

/** A service with its own data folder; `search` says where it may look for a Python after the settings' path. */
function service(search?: string[]) {
  const events: TrainApiEvent[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'netwright-service-torch-'));
  const s = createService({ transport: 'browser', version: 'test', emit: (e) => void (e.type === 'train' && events.push(e)), dataDir, pythonSearch: search });
  const call = <T>(method: string, payload: unknown = {}) => s.handle(method, payload) as Promise<T>;
  const of = (runId: string): TrainEvent[] => events.filter((e) => e.runId === runId).map((e) => e.event);
  /** Resolves with the run's events once one of `types` has come. */
  const until = async (runId: string, types: string[]) => {
    while (!of(runId).some((e) => types.includes(e.type))) await new Promise((r) => setTimeout(r, 20));
    return of(runId);
  };
  return { call, of, until, dataDir };
}

const tiny = (epochs = 2) => {
  const doc = sequential('Tiny', [
    { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 2, activation: 'softmax' } },
  ]);
  doc.training = { ...doc.training, dataset: 'synthetic:8:2:1', epochs, batchSize: 10 };
  return doc;
};

describe('the torch engine through the service', () => {
  itWhen(torch, 'torch')('trains and records the run as the tfjs engine does', async () => {
    const { call, until, dataDir } = service();
    const { runId } = await call<{ runId: string }>('train.start', { doc: tiny(), options: { engine: 'torch', limit: 100 } });
    const events = await until(runId, ['done', 'error', 'stopped']);
    expect(events.at(-1)).toMatchObject({ type: 'done', engine: 'torch', backend: 'cpu' });
    // The engine's own synthetic images, split as the tfjs engine splits them: 800 / 200, limited to 100.
    expect(events[0]).toMatchObject({ type: 'start', engine: 'torch', trainSamples: 100, valSamples: 200, dataset: 'synthetic 8×8×1, 2 classes', classNames: ['disc, solid', 'square, solid'], runDir: join(dataDir, 'runs', runId) });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    const { runs } = await call<{ runs: RunSummary[] }>('runs.list');
    expect(runs[0]).toMatchObject({ id: runId, status: 'done', backend: 'cpu', settings: { limit: 100, epochs: 2 } });
    expect(runs[0]!.epochs).toHaveLength(2);
    const got = await call<{ events: { type: string }[] }>('runs.get', { id: runId });
    expect(got.events.map((e) => e.type)).toEqual(events.map((e) => e.type));
  });

  itWhen(torch, 'torch')('pauses, resumes and stops a run', async () => {
    const { call, until } = service();
    const { runId } = await call<{ runId: string }>('train.start', { doc: tiny(1000), options: { engine: 'torch' } });
    await until(runId, ['batch']);
    expect(await call('train.pause', { runId })).toEqual({ paused: true });
    await until(runId, ['paused']);
    expect(await call('train.resume', { runId })).toEqual({ resumed: true });
    await until(runId, ['resumed']);
    expect(await call('train.stop', { runId })).toEqual({ stopped: true });
    const events = await until(runId, ['stopped']);
    expect(events.at(-1)).toEqual({ type: 'stopped' });
    await new Promise((r) => setTimeout(r, 100)); // the history is written as the run ends
    const { runs } = await call<{ runs: RunSummary[] }>('runs.list');
    expect(runs[0]).toMatchObject({ id: runId, status: 'stopped' });
  });

  it('ends with an error event that says what to install when no Python has PyTorch', async () => {
    const { call, until } = service(['/nonexistent/python3']);
    const { runId } = await call<{ runId: string }>('train.start', { doc: tiny(), options: { engine: 'torch' } });
    const events = await until(runId, ['done', 'error', 'stopped']);
    expect(events).toEqual([{ type: 'error', message: NO_TORCH }]);
    await new Promise((r) => setTimeout(r, 100));
    const { runs } = await call<{ runs: RunSummary[] }>('runs.list');
    expect(runs[0]).toMatchObject({ id: runId, status: 'error', message: NO_TORCH });
  });

  itWhen(torch, 'torch')("uses the settings' Python path first", async () => {
    const { call, until } = service(['/nonexistent/python3']);
    await call('settings.set', { pythonPath: torch!.python });
    const { runId } = await call<{ runId: string }>('train.start', { doc: tiny(1), options: { engine: 'torch', limit: 20 } });
    expect((await until(runId, ['done', 'error'])).at(-1)).toMatchObject({ type: 'done', engine: 'torch' });
  });
});

describe('train.estimate with the torch engine', () => {
  itWhen(torch, 'torch')('times train.py on a few batches and reports the real run\'s samples, without the wasm heap limit', async () => {
    const { call } = service();
    const e = await call<Estimate>('train.estimate', { doc: tiny(), options: { engine: 'torch' } });
    expect(e.timeError).toBeUndefined();
    // The whole run's 800 / 200 samples, though the probe trained 10 batches of 10 and validated one.
    expect(e.time).toMatchObject({ engine: 'torch', backend: 'cpu', trainSamples: 800, valSamples: 200 });
    expect(e.time!.samplesPerSecond).toBeGreaterThan(0);
    expect(e.time!.secondsPerEpoch).toBeGreaterThan(0);
    expect(e.available).toMatchObject({ limit: e.available.freeMemory, limitReason: 'free memory' });
  });

  it('holds a run on CUDA to the GPU’s memory', async () => {
    const { call } = service([fakePython('["2.1.0", true, 17179869184]')]);
    const e = await call<Estimate>('train.estimate', { doc: tiny(), options: { engine: 'torch' }, probe: false });
    expect(e.available).toMatchObject({ limit: 16 * 2 ** 30, limitReason: "the GPU's memory" });
  });

  it('says what to install when no Python has PyTorch, and still estimates memory', async () => {
    const { call } = service(['/nonexistent/python3']);
    const e = await call<Estimate>('train.estimate', { doc: tiny(), options: { engine: 'torch' } });
    expect(e.timeError).toBe(NO_TORCH);
    expect(e.time).toBeUndefined();
    expect(e.memory.total).toBeGreaterThan(0);
    // A torch run is not held to the wasm heap's 4 GiB, measured or not (on a machine with more free).
    expect(e.available).toMatchObject({ limit: e.available.freeMemory, limitReason: 'free memory' });
  });
});

describe('settings and torch.detect', () => {
  it('keeps the Python path in settings.json in the data folder; null or empty removes it', async () => {
    const { call, dataDir } = service();
    const file = join(dataDir, 'settings.json');
    expect(await call('settings.get')).toEqual({});
    expect(existsSync(file)).toBe(false);
    expect(await call('settings.set', { pythonPath: '  /opt/py/bin/python3 ' })).toEqual({ pythonPath: '/opt/py/bin/python3' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pythonPath: '/opt/py/bin/python3' });
    expect(await call('settings.get')).toEqual({ pythonPath: '/opt/py/bin/python3' });
    expect(await call('settings.set', {})).toEqual({ pythonPath: '/opt/py/bin/python3' });
    expect(await call('settings.set', { pythonPath: '' })).toEqual({});
    await call('settings.set', { pythonPath: '/x' });
    expect(await call('settings.set', { pythonPath: null })).toEqual({});
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('says why a given path is not a Python with PyTorch', async () => {
    const { call } = service();
    expect(await call<TorchDetection>('torch.detect', { python: '/nonexistent/python3' })).toEqual({ available: false, python: '/nonexistent/python3', message: '/nonexistent/python3 was not found.' });
    const notPython = await call<TorchDetection>('torch.detect', { python: '/bin/false' });
    expect(notPython).toMatchObject({ available: false, python: '/bin/false', message: '/bin/false cannot import torch: exit code 1' });
  });

  it('finds nothing where nothing is, and says what it tried', async () => {
    const { call } = service(['/nonexistent/python3']);
    expect(await call<TorchDetection>('torch.detect')).toEqual({ available: false, python: null, message: 'No Python with PyTorch found. /nonexistent/python3 was not found.' });
  });

  itWhen(torch, 'torch')('detects the PyTorch of this machine, its version and CUDA', async () => {
    const { call } = service();
    expect(await call<TorchDetection>('torch.detect')).toEqual({ available: true, python: torch!.python, torchVersion: torch!.torch, cuda: torch!.cuda });
    expect(await call<TorchDetection>('torch.detect', { python: torch!.python })).toMatchObject({ available: true, python: torch!.python });
  });
});
