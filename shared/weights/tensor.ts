/**
 * Named weight tensors as both file formats hold them: a PyTorch state_dict (`.pth`) and a
 * safetensors file. Values are float32 whatever the file stored (half, bfloat16, double and the
 * integer counters BatchNorm keeps), so the rest of Netwright handles one kind of array.
 */

/** The element types the readers accept, by their safetensors names. */
export const DTYPES = ['F32', 'F16', 'BF16', 'F64', 'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL'] as const;
export type DType = (typeof DTYPES)[number];

/** Bytes per element of each type. */
export const DTYPE_BYTES: Record<DType, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** One tensor: the type it was stored as, its shape (row-major, PyTorch's order) and its values. */
export interface WeightTensor {
  dtype: DType;
  shape: number[];
  data: Float32Array;
}

/** A state_dict: tensors by name, in the file's order. */
export type StateDict = Map<string, WeightTensor>;

export const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** IEEE half precision (1 sign, 5 exponent, 10 mantissa bits) to a number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/**
 * `count` elements of `dtype` from little-endian `bytes` at element `start`, as float32:
 * `decode(bytes, 'F16', 0, 4)`. bfloat16 is the top half of a float32.
 */
export function decode(bytes: Uint8Array, dtype: DType, start: number, count: number): Float32Array {
  const size = DTYPE_BYTES[dtype];
  const byteStart = start * size;
  if (byteStart + count * size > bytes.byteLength) throw new Error(`needs ${count * size} bytes from byte ${byteStart}, but its data has ${bytes.byteLength}`);
  if (dtype === 'F32' && (bytes.byteOffset + byteStart) % 4 === 0) return new Float32Array(bytes.buffer.slice(bytes.byteOffset + byteStart, bytes.byteOffset + byteStart + count * 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteStart, count * size);
  const read: (i: number) => number = {
    F32: (i: number) => view.getFloat32(i * 4, true),
    F16: (i: number) => halfToNumber(view.getUint16(i * 2, true)),
    BF16: (i: number) => {
      const bits = new DataView(new ArrayBuffer(4));
      bits.setUint32(0, view.getUint16(i * 2, true) << 16);
      return bits.getFloat32(0);
    },
    F64: (i: number) => view.getFloat64(i * 8, true),
    I64: (i: number) => Number(view.getBigInt64(i * 8, true)),
    I32: (i: number) => view.getInt32(i * 4, true),
    I16: (i: number) => view.getInt16(i * 2, true),
    I8: (i: number) => view.getInt8(i),
    U8: (i: number) => view.getUint8(i),
    BOOL: (i: number) => view.getUint8(i),
  }[dtype];
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}

/**
 * The elements a strided view selects, in row-major order: PyTorch keeps a tensor as a view
 * (offset and strides, in elements) into a flat storage, e.g. a transposed one.
 */
export function gather(storage: Float32Array, offset: number, shape: readonly number[], stride: readonly number[]): Float32Array {
  const count = elementCount(shape);
  const contiguous = shape.every((_, i) => shape[i] === 1 || stride[i] === elementCount(shape.slice(i + 1)));
  if (contiguous) {
    if (offset + count > storage.length) throw new Error(`its view ends at element ${offset + count}, past its storage's ${storage.length}`);
    return storage.slice(offset, offset + count);
  }
  const out = new Float32Array(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    let at = offset;
    for (let d = 0; d < shape.length; d++) at += index[d]! * stride[d]!;
    if (at >= storage.length) throw new Error(`its view reaches element ${at}, past its storage's ${storage.length}`);
    out[n] = storage[at]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
