/**
 * PyTorch's `.pth`/`.pt` files as `torch.save` has written them since 1.6: a zip (read and
 * written with fflate) holding `<folder>/data.pkl`, the pickled object, and one file per storage
 * under `<folder>/data/`. Each tensor in the pickle is `_rebuild_tensor_v2(storage, offset, size,
 * stride, …)`, its storage a persistent id `('storage', torch.FloatStorage, key, location, numel)`.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { PyGlobal, unpickle, UnpickleError, type PyValue } from './pickle';
import { decode, DTYPE_BYTES, elementCount, gather, type DType, type StateDict, type WeightTensor } from './tensor';

/** The storage classes torch writes, by element type. */
const STORAGES: Record<string, DType> = {
  FloatStorage: 'F32',
  HalfStorage: 'F16',
  BFloat16Storage: 'BF16',
  DoubleStorage: 'F64',
  LongStorage: 'I64',
  IntStorage: 'I32',
  ShortStorage: 'I16',
  CharStorage: 'I8',
  ByteStorage: 'U8',
  BoolStorage: 'BOOL',
};

/** Everything a state_dict's pickle may name; nothing else is accepted. */
const ALLOWED = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(STORAGES).map((s) => `torch.${s}`),
]);

interface Storage {
  dtype: DType;
  key: string;
}

const isStorage = (v: PyValue): v is Storage => typeof v === 'object' && v !== null && 'key' in v && 'dtype' in v && !(v instanceof Map);
export const isTensor = (v: unknown): v is WeightTensor => typeof v === 'object' && v !== null && (v as WeightTensor).data instanceof Float32Array;
const ints = (v: PyValue, what: string): number[] => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x))) throw new UnpickleError(`A tensor's ${what} is not a tuple of integers.`);
  return v as number[];
};

/** A state_dict's tensors, or the one a checkpoint keeps under "state_dict" or "model". */
export function tensorsOf(root: PyValue, file: string): StateDict {
  if (!(root instanceof Map)) throw new Error(`${file} holds no state_dict (a dict of tensors), but a ${Array.isArray(root) ? 'list' : typeof root}.`);
  for (const inner of ['state_dict', 'model']) {
    const nested = root.get(inner);
    if (nested instanceof Map && [...nested.values()].some(isTensor)) return tensorsOf(nested, file);
  }
  const out: StateDict = new Map();
  for (const [name, value] of root) {
    if (typeof name !== 'string') throw new Error(`${file} has a key that is not a name: ${String(name)}.`);
    if (!isTensor(value)) throw new Error(`${file}: "${name}" is not a tensor; a state_dict holds tensors only.`);
    out.set(name, value);
  }
  return out;
}

/**
 * The tensors of a `.pth` file's bytes: `readPth(bytes, 'resnet18.pth').get('fc.weight')!.shape`
 * → `[1000, 512]`. Throws a one-line error for anything else (a pickle naming other globals, a
 * file from before torch 1.6, a big-endian one, a missing storage).
 */
export function readPth(bytes: Uint8Array, file: string): StateDict {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new Error(`${file} is not a zip archive as torch.save writes (${(e as Error).message}).`);
  }
  const pickles = Object.keys(entries).filter((n) => n.endsWith('/data.pkl') || n === 'data.pkl');
  if (pickles.length !== 1) throw new Error(`${file} is a zip but not a PyTorch file: it should hold one data.pkl, and holds ${pickles.length}.`);
  const folder = pickles[0]!.slice(0, -'data.pkl'.length);
  const order = entries[`${folder}byteorder`];
  if (order && strFromU8(order).trim() !== 'little') throw new Error(`${file} was saved on a big-endian machine; Netwright reads little-endian files only.`);
  const decoded = new Map<string, Float32Array>();
  const storage = (s: Storage, numel: number) => {
    let values = decoded.get(s.key);
    if (!values) {
      const raw = entries[`${folder}data/${s.key}`];
      if (!raw) throw new Error(`${file} lacks storage ${s.key} (${folder}data/${s.key}).`);
      values = decode(raw, s.dtype, 0, Math.min(numel, Math.floor(raw.byteLength / DTYPE_BYTES[s.dtype])));
      decoded.set(s.key, values);
    }
    return values;
  };
  const numels = new Map<string, number>();
  try {
    const root = unpickle(entries[pickles[0]!]!, {
      globals: ALLOWED,
      persistentLoad(pid) {
        if (!Array.isArray(pid) || pid[0] !== 'storage' || !(pid[1] instanceof PyGlobal) || typeof pid[2] !== 'string') throw new UnpickleError('The file refers to an object that is not a storage.');
        const dtype = STORAGES[pid[1].name]!;
        numels.set(pid[2], typeof pid[4] === 'number' ? pid[4] : Infinity);
        return { dtype, key: pid[2] } satisfies Storage;
      },
      reduce(fn, args) {
        if (fn.qualified === 'collections.OrderedDict') return new Map();
        if (fn.qualified === 'torch._utils._rebuild_parameter') return args[0]!;
        if (fn.qualified !== 'torch._utils._rebuild_tensor_v2') throw new UnpickleError(`The file calls "${fn.qualified}", which builds no tensor.`);
        const [s, offset, size, stride] = args;
        if (!s || !isStorage(s) || typeof offset !== 'number') throw new UnpickleError('A tensor in the file has no storage.');
        const shape = ints(size!, 'size');
        const values = storage(s, numels.get(s.key) ?? Infinity);
        return { dtype: s.dtype, shape, data: gather(values, offset, shape, ints(stride!, 'stride')) } satisfies WeightTensor;
      },
    });
    return tensorsOf(root, file);
  } catch (e) {
    if (e instanceof UnpickleError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

/** The storage class torch reads for each type a written tensor can have. */
const WRITTEN: Partial<Record<DType, string>> = { F32: 'FloatStorage', I64: 'LongStorage' };

/** Pickle protocol 2 opcodes for the few values a state_dict needs. */
class PickleWriter {
  private parts: number[] = [];
  op(...bytes: number[]) {
    this.parts.push(...bytes);
    return this;
  }
  str(s: string) {
    const b = strToU8(s);
    this.op(0x58, b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, (b.length >>> 24) & 0xff);
    for (const x of b) this.parts.push(x);
    return this;
  }
  int(n: number) {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new Error(`cannot write ${n} as a 32-bit integer`);
    return this.op(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  }
  global(module: string, name: string) {
    this.op(0x63);
    for (const x of strToU8(`${module}\n${name}\n`)) this.parts.push(x);
    return this;
  }
  tuple(items: number[]) {
    this.op(0x28);
    for (const n of items) this.int(n);
    return this.op(0x74);
  }
  orderedDict() {
    return this.global('collections', 'OrderedDict').op(0x29, 0x52);
  }
  bytes() {
    return Uint8Array.from(this.parts);
  }
}

/** Row-major strides of a shape, in elements. */
const stridesOf = (shape: readonly number[]) => shape.map((_, i) => elementCount(shape.slice(i + 1)));

/** A tensor's values as its stored type's little-endian bytes (float32, or int64 for counters). */
function rawBytes(t: WeightTensor): Uint8Array {
  if (t.dtype === 'F32') return new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
  const out = new Uint8Array(t.data.length * 8);
  const view = new DataView(out.buffer);
  t.data.forEach((v, i) => view.setBigInt64(i * 8, BigInt(Math.round(v)), true));
  return out;
}

/**
 * A `.pth` file that `torch.load` reads as an OrderedDict of tensors, for
 * `model.load_state_dict(torch.load(path), strict=True)`: `writePth(new Map([['fc.bias', …]]))`.
 * Tensors are written as float32, or int64 where they were (BatchNorm's num_batches_tracked).
 */
export function writePth(tensors: StateDict, folder = 'archive'): Uint8Array {
  const p = new PickleWriter().op(0x80, 2).orderedDict().op(0x28);
  const files: Zippable = {};
  [...tensors].forEach(([name, t], i) => {
    const dtype = t.dtype === 'I64' ? 'I64' : 'F32';
    const key = String(i);
    p.str(name).global('torch._utils', '_rebuild_tensor_v2');
    p.op(0x28).op(0x28).str('storage').global('torch', WRITTEN[dtype]!).str(key).str('cpu').int(t.data.length).op(0x74, 0x51);
    p.int(0).tuple(t.shape).tuple(stridesOf(t.shape)).op(0x89).orderedDict().op(0x74, 0x52);
    files[`${folder}/data/${key}`] = [rawBytes({ ...t, dtype }), { level: 0 }];
  });
  p.op(0x75, 0x2e);
  return zipSync({
    [`${folder}/data.pkl`]: [p.bytes(), { level: 0 }],
    [`${folder}/byteorder`]: [strToU8('little'), { level: 0 }],
    ...files,
    [`${folder}/version`]: [strToU8('3\n'), { level: 0 }],
  });
}
