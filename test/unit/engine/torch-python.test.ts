/** Asking a Python for its PyTorch: version, CUDA, and with CUDA the GPU's memory (fake Pythons that answer as torch would). */
import { describe, expect, it } from 'vitest';
import { detectTorch, findTorchPython } from '../../../node/engine/torch/python';
import { describeDetection } from '../../../renderer/src/settings/SettingsDialog';
import { fakePython } from './fakePython';

describe('torch detection', () => {
  it('reports CUDA with the smallest GPU’s memory', async () => {
    const python = fakePython('["2.1.0", true, 17179869184]');
    const d = await detectTorch(python, undefined);
    expect(d).toEqual({ available: true, python, torchVersion: '2.1.0', cuda: true, gpuMemory: 16 * 2 ** 30 });
    expect(describeDetection(d)).toBe('PyTorch 2.1.0 · CUDA, 16 GiB');
    expect((await findTorchPython(python, []))?.gpuMemory).toBe(16 * 2 ** 30);
  });

  it('reports a CPU-only PyTorch without a GPU memory', async () => {
    const python = fakePython('["1.13.0", false, null]');
    const d = await detectTorch(python, undefined);
    expect(d).toEqual({ available: true, python, torchVersion: '1.13.0', cuda: false });
    expect(describeDetection(d)).toBe('PyTorch 1.13.0 · CPU');
  });
});
