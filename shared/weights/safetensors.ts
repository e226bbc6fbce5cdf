/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {…} }`, then the tensors'
 * bytes, offsets counted from the end of the header. No code in it, so no library is needed.
 */
import { strFromU8, strToU8 } from 'fflate';
import { decode, DTYPE_BYTES, DTYPES, elementCount, type DType, type StateDict } from './tensor';

interface Entry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** True when the bytes start like a safetensors file (a sane header length, then `{`). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return n > 1 && 8 + n <= bytes.length && bytes[8] === 0x7b;
}

/** The tensors of a safetensors file: `readSafetensors(bytes, 'model.safetensors')`. */
export function readSafetensors(bytes: Uint8Array, file: string): StateDict {
  if (!looksLikeSafetensors(bytes)) throw new Error(`${file} is not a safetensors file (its first 8 bytes should give the header's length).`);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(strFromU8(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file}: its header is not JSON (${(e as Error).message}).`);
  }
  const data = bytes.subarray(8 + n);
  const out: StateDict = new Map();
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = raw as Entry;
    if (!(DTYPES as readonly string[]).includes(e?.dtype)) throw new Error(`${file}: "${name}" has type ${String(e?.dtype)}, which Netwright does not read (${DTYPES.join(', ')}).`);
    const dtype = e.dtype as DType;
    const [begin, end] = e.data_offsets ?? [];
    const count = elementCount(e.shape ?? []);
    if (!Array.isArray(e.shape) || typeof begin !== 'number' || typeof end !== 'number' || end - begin !== count * DTYPE_BYTES[dtype] || begin < 0 || end > data.length) {
      throw new Error(`${file}: "${name}" has offsets [${begin}, ${end}] that do not hold ${count} ${dtype} values within its ${data.length} bytes.`);
    }
    out.set(name, { dtype, shape: e.shape, data: decode(data.subarray(begin, end), dtype, 0, count) });
  }
  return out;
}

/**
 * A safetensors file of the tensors, float32 (int64 where they were stored so):
 * `writeSafetensors(stateDict)`, for `safetensors.torch.load_file`.
 */
export function writeSafetensors(tensors: StateDict): Uint8Array {
  const header: Record<string, Entry | Record<string, string>> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, t] of tensors) {
    const dtype = t.dtype === 'I64' ? 'I64' : 'F32';
    const size = t.data.length * DTYPE_BYTES[dtype];
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  // The header is padded with spaces so the data starts 8-byte aligned, as the reference writer does.
  const json = JSON.stringify(header);
  const head = strToU8(json + ' '.repeat((8 - ((8 + strToU8(json).length) % 8)) % 8));
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors.values()) {
    if (t.dtype === 'I64') for (const v of t.data) view.setBigInt64((at += 8) - 8, BigInt(Math.round(v)), true);
    else {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
      at += t.data.byteLength;
    }
  }
  return out;
}
