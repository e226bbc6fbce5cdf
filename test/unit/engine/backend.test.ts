/** Backend choice: the best available (native when installed, else wasm), or the one asked for. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { pickBackend } from '../../../electron/engine/backend';

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
