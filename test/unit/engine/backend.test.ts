/** Backend choice: the best available (native when installed, else wasm), or the one asked for. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { hasNativeBinding } from '../../../node/engine/backend/native';
import { pthreadScript, THREADS_FROM_MACS, threadsForRun, wasmThreadsFor } from '../../../node/engine/backend/wasm-threads';
import { buildTemplate } from '../../../shared/templates/index';

describe('pickBackend', () => {
  it('picks the native backend when tfjs-node installed, else wasm — with the filter-gradient kernel', async () => {
    const name = await pickBackend();
    expect(['tensorflow', 'wasm']).toContain(name);
    expect(tf.getBackend()).toBe(name);
    if (name === 'wasm') expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('honours a preference, and falls back past one that cannot load', async () => {
    expect(await pickBackend('cpu')).toBe('cpu');
    expect(await pickBackend('wasm')).toBe('wasm');
    expect(['tensorflow', 'wasm']).toContain(await pickBackend('no-such-backend'));
  });
});

describe('the native packages', () => {
  it('are tried only with their binding: a package installed without its install script is not imported', () => {
    const root = mkdtempSync(join(tmpdir(), 'netwright-native-'));
    try {
      const pkg = join(root, 'tfjs-node');
      mkdirSync(pkg);
      writeFileSync(join(pkg, 'package.json'), '{}');
      const resolve = (id: string) => (id === 'tfjs-node/package.json' ? join(pkg, 'package.json') : (() => { throw new Error('not found'); })());
      expect(hasNativeBinding('tfjs-node', resolve)).toBe(false);
      expect(hasNativeBinding('absent', resolve)).toBe(false);
      mkdirSync(join(pkg, 'lib', 'napi-v8'), { recursive: true });
      expect(hasNativeBinding('tfjs-node', resolve)).toBe(false);
      writeFileSync(join(pkg, 'lib', 'napi-v8', 'tfjs_binding.node'), '');
      expect(hasNativeBinding('tfjs-node', resolve)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('wasm threads per run', () => {
  it('gives a network big enough to gain from them every core (at most 8), and a small one 1 thread', () => {
    // LeNet-5: 0.42 M multiply-accumulates a sample, 13 M a batch of 32; ResNet-20: 1.3 G a batch.
    expect(wasmThreadsFor(13e6)).toBe(1);
    expect(wasmThreadsFor(THREADS_FROM_MACS - 1)).toBe(1);
    expect(wasmThreadsFor(1.3e9)).toBe(Math.min(8, availableParallelism()));
  });

  it('decides a run by its network at its batch size, unless the run names a count', () => {
    expect(threadsForRun(buildTemplate('lenet5')!, { batchSize: 32 })).toBe(1);
    expect(threadsForRun(buildTemplate('resnet20-cifar')!, { batchSize: 32 })).toBe(Math.min(8, availableParallelism()));
    expect(threadsForRun(buildTemplate('resnet20-cifar')!, { batchSize: 2 })).toBe(1);
    expect(threadsForRun(buildTemplate('lenet5')!, { batchSize: 32, threads: 3 })).toBe(3);
  });
});

describe('the threaded wasm build', () => {
  it('is used where its files are on disk, and left alone (one thread) where a package lost them', () => {
    expect(pthreadScript()).toContain('tfjs-backend-wasm-threaded-simd.js');
    const missing = (id: string) => (id.endsWith('.wasm') ? '/nonexistent/tfjs-backend-wasm-threaded-simd.wasm' : require.resolve(id));
    expect(pthreadScript(missing)).toBeUndefined();
    expect(pthreadScript(() => { throw new Error('Cannot find module'); })).toBeUndefined();
  });
});
