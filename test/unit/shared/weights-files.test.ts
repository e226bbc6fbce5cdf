/** The weights readers and writers on files made here: a pickle that names other code, half and bfloat16 values, strided views, round trips. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPth, writePth } from '../../../shared/weights/pth';
import { readWeights } from '../../../shared/weights/read';
import { readSafetensors, writeSafetensors } from '../../../shared/weights/safetensors';
import { decode, gather, type StateDict } from '../../../shared/weights/tensor';

const tensors = (): StateDict =>
  new Map([
    ['conv.weight', { dtype: 'F32', shape: [2, 1, 1, 3], data: new Float32Array([1, -2, 3.5, 0.25, 5, -6]) }],
    ['bn.num_batches_tracked', { dtype: 'I64', shape: [], data: new Float32Array([7]) }],
  ]);

describe('weights files', () => {
  it('writes a .pth and a safetensors file that read back to the same tensors, in order', () => {
    for (const bytes of [writePth(tensors()), writeSafetensors(tensors())]) {
      const back = readWeights(bytes, 'model');
      expect([...back.keys()]).toEqual(['conv.weight', 'bn.num_batches_tracked']);
      expect(back.get('conv.weight')).toEqual({ dtype: 'F32', shape: [2, 1, 1, 3], data: new Float32Array([1, -2, 3.5, 0.25, 5, -6]) });
      expect(back.get('bn.num_batches_tracked')!.data[0]).toBe(7);
    }
  });

  it('refuses a pickle that names anything but tensors, dicts and lists, in one line', () => {
    const pickle = Uint8Array.from('\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R.', (c) => c.charCodeAt(0));
    const bytes = zipSync({ 'archive/data.pkl': pickle, 'archive/version': strToU8('3\n') });
    expect(() => readPth(bytes, 'evil.pth')).toThrow('evil.pth: The file names "os.system": a pickle can run code in Python, so Netwright builds only tensors, dicts and lists, and refuses it.');
  });

  it('tells a file from before torch 1.6, and one of neither format, by its first bytes', () => {
    expect(() => readWeights(new Uint8Array([0x80, 2, 0x8a, 10]), 'old.pth')).toThrow('old.pth is a PyTorch file in the format before torch 1.6');
    expect(() => readWeights(strToU8('hello world'), 'x.bin')).toThrow('x.bin is neither a PyTorch .pth (a zip) nor a safetensors file.');
  });

  it('decodes half and bfloat16 values and reads strided views in row-major order', () => {
    const half = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x35, 0xff, 0x7b]); // 1, -2, 0.3125, 65504
    expect(Array.from(decode(half, 'F16', 0, 4))).toEqual([1, -2, 0.3125, 65504]);
    const bf16 = new Uint8Array([0x80, 0x3f, 0x40, 0xc0]); // 1, -3
    expect(Array.from(decode(bf16, 'BF16', 0, 2))).toEqual([1, -3]);
    // A 2×3 tensor stored transposed (strides 1, 2), from element 1 of its storage.
    expect(Array.from(gather(new Float32Array([9, 0, 3, 1, 4, 2, 5]), 1, [2, 3], [1, 2]))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses safetensors offsets outside its data, naming the tensor', () => {
    const bytes = writeSafetensors(new Map([['w', { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) }]]));
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4), 'cut.safetensors')).toThrow('cut.safetensors: "w" has offsets [0, 8] that do not hold 2 F32 values within its 4 bytes.');
  });
});
