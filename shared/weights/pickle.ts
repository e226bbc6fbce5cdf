/**
 * A restricted reader of Python's pickle format, for the `data.pkl` inside a PyTorch `.pth`.
 *
 * In Python a pickle can run code: a GLOBAL names any function and REDUCE calls it. This reader
 * calls nothing from the file. It knows the opcodes `torch.save` writes (protocols 2 to 4) and
 * builds only what a state_dict is made of: dicts (OrderedDict as a Map), lists, tuples, strings,
 * numbers, and tensors through the `reduce` hooks its caller allows by name. Any other global is
 * refused with one line, before anything is built from it. (Why not an npm unpickler: the one
 * maintained package, pickleparser, turns unknown globals into placeholder objects, calls a
 * `__setstate__` found on the object being built, and keeps dicts as plain objects, where a
 * `__proto__` key reaches the prototype; allowing only what torch writes is simpler to trust.)
 */
import { strFromU8 } from 'fflate';

/** A Python global the caller allows, as GLOBAL pushed it: `torch.FloatStorage`. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualified() {
    return `${this.module}.${this.name}`;
  }
}

export type PyValue = null | boolean | number | bigint | string | Uint8Array | PyGlobal | PyValue[] | Map<PyValue, PyValue> | object;

export interface UnpickleOptions {
  /** The globals the file may name, e.g. `collections.OrderedDict`; every other one is refused. */
  globals: ReadonlySet<string>;
  /** REDUCE: build the value `global(...args)` stands for, or throw; only allowed globals reach it. */
  reduce(fn: PyGlobal, args: PyValue[]): PyValue;
  /** BINPERSID: the object a persistent id stands for (torch: a storage). */
  persistentLoad(pid: PyValue): PyValue;
}

/** Thrown for a file this reader will not read; the message is one line for the user. */
export class UnpickleError extends Error {}

const MARK = Symbol('mark');

/**
 * The object a pickle holds: `unpickle(bytes, { globals, reduce, persistentLoad })`.
 * `new Map` stands for a dict, arrays for lists and tuples.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions): PyValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new UnpickleError(`The pickle ends early, at byte ${bytes.length}.`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[need(1)]!;
  const u16 = () => view.getUint16(need(2), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = () => Number(view.getBigUint64(need(8), true));
  const text = (n: number) => strFromU8(bytes.subarray(need(n), pos));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new UnpickleError('The pickle ends inside a line.');
    return text(end - pos + 1).slice(0, -1);
  };
  const stack: (PyValue | typeof MARK)[] = [];
  const memo = new Map<number, PyValue>();
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new UnpickleError('The pickle pops from an empty stack.');
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new UnpickleError('The pickle refers to an object that is not there.');
    return v;
  };
  const popMark = (): PyValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new UnpickleError('The pickle has no mark where one is needed.');
    return stack.splice(at).slice(1) as PyValue[];
  };
  const get = (key: number) => {
    if (!memo.has(key)) throw new UnpickleError(`The pickle refers to memo ${key}, which it never stored.`);
    stack.push(memo.get(key)!);
  };
  const global = (module: string, name: string) => {
    const g = new PyGlobal(module, name);
    if (!options.globals.has(g.qualified)) {
      throw new UnpickleError(`The file names "${g.qualified}": a pickle can run code in Python, so Netwright builds only tensors, dicts and lists, and refuses it.`);
    }
    stack.push(g);
  };
  const setItems = (dict: PyValue, items: PyValue[]) => {
    if (!(dict instanceof Map)) throw new UnpickleError('The pickle sets items on something that is not a dict.');
    for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i]!, items[i + 1]!);
  };
  const list = (l: PyValue): PyValue[] => {
    if (!Array.isArray(l)) throw new UnpickleError('The pickle appends to something that is not a list.');
    return l;
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) throw new UnpickleError('The pickle uses a protocol newer than 5.');
        break;
      case 0x95: // FRAME
        need(8);
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
        get(u8());
        break;
      case 0x6a: // LONG_BINGET
        get(u32());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true));
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: { // LONG1: little-endian two's complement
        const n = u8();
        const at = need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
        if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: // BINFLOAT: big-endian double
        stack.push(view.getFloat64(need(8), false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(text(u64()));
        break;
      case 0x42: // BINBYTES
        stack.push(bytes.slice(need(u32()), pos));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(bytes.slice(need(u8()), pos));
        break;
      case 0x29: // EMPTY_TUPLE
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x74: // TUPLE
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: { // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: { // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x61: { // APPEND
        const v = pop();
        list(top()).push(v);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        list(top()).push(...items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x64: { // DICT
        const dict = new Map<PyValue, PyValue>();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x73: { // SETITEM
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x63: { // GLOBAL
        const module = line();
        global(module, line());
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new UnpickleError('The pickle names a global that is not a string.');
        global(module, name);
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        const fn = pop();
        if (!(fn instanceof PyGlobal) || !Array.isArray(args)) throw new UnpickleError('The pickle calls something that is not an allowed global.');
        stack.push(options.reduce(fn, args));
        break;
      }
      case 0x51: // BINPERSID
        stack.push(options.persistentLoad(pop()));
        break;
      case 0x62: { // BUILD: the state of a dict subclass (OrderedDict's _metadata) is kept aside
        const state = pop();
        const obj = top();
        if (!(obj instanceof Map) || !(state instanceof Map || state === null)) throw new UnpickleError('The pickle sets the state of an object Netwright does not build.');
        if (state) Object.defineProperty(obj, 'pythonState', { value: state, enumerable: false });
        break;
      }
      default:
        throw new UnpickleError(`The pickle uses opcode 0x${op.toString(16).padStart(2, '0')} at byte ${pos - 1}, which a PyTorch state_dict does not need.`);
    }
  }
}
