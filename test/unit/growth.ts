/**
 * How much work a function does, counted without a clock, so that a test can tell linear from
 * quadratic on a busy machine: every Map or Set lookup or insertion counts one, and every call of
 * a builtin that walks an array, Map or Set (find, indexOf, some, map, a for…of or spread…)
 * counts its length. A scan inside a loop over the nodes then costs n² however fast it runs.
 *
 *     countOperations(() => toPyTorch(doc))  // → e.g. 1.2 M
 */
import { blockKind } from '../../shared/blocks/blocks';
import { GraphBuilder } from '../../shared/blocks/builder';
import { emptyDocument, type Block, type NetwrightDocument } from '../../shared/graph/schema';
import type { LayerKind } from '../../shared/layers/registry';
import type { Params } from '../../shared/layers/types';

/** The array builtins that walk their array, each counted at the array's length. */
const WALKS = ['find', 'findIndex', 'findLast', 'findLastIndex', 'indexOf', 'lastIndexOf', 'includes', 'some', 'every', 'filter', 'map', 'flatMap', 'forEach', 'reduce', 'slice', 'concat', 'sort', Symbol.iterator] as const;
/** Map and Set lookups and insertions, each counted one; walks over them, counted at their size. */
const LOOKUPS = ['get', 'has', 'set', 'add'] as const;
const MAP_WALKS = ['forEach', 'keys', 'values', 'entries', Symbol.iterator] as const;

export function countOperations(fn: () => unknown): number {
  let count = 0;
  const restore: (() => void)[] = [];
  const wrap = (proto: object, key: string | symbol, cost: (self: unknown) => number) => {
    const original = Reflect.get(proto, key) as (...args: unknown[]) => unknown;
    Reflect.set(proto, key, function (this: unknown, ...args: unknown[]) {
      count += cost(this);
      return Reflect.apply(original, this, args);
    });
    restore.push(() => Reflect.set(proto, key, original));
  };
  for (const key of WALKS) wrap(Array.prototype, key, (self) => (self as unknown[]).length);
  for (const proto of [Map.prototype, Set.prototype]) {
    for (const key of LOOKUPS) if (key in proto) wrap(proto, key, () => 1);
    for (const key of MAP_WALKS) wrap(proto, key, (self) => (self as Set<unknown>).size);
  }
  try {
    fn();
  } finally {
    for (const undo of restore) undo();
  }
  return count;
}

/**
 * How the work grows when the input doubles: `growth((n) => doc(n), (d) => toSvg(d), 500)` is
 * about 2 for linear work and 4 for quadratic.
 */
export function growth<T>(input: (n: number) => T, fn: (input: T) => unknown, n: number): number {
  const small = input(n);
  const large = input(2 * n);
  return countOperations(() => fn(large)) / countOperations(() => fn(small));
}

const conv = (): [LayerKind, Params, string] => ['Conv2D', { filters: 8, kernel: 3, padding: 1, useBias: false }, 'conv'];
const relu = (): [LayerKind, Params, string] => ['Activation', { fn: 'relu' }, 'relu'];

/** A residual unit as a block, so that the document has block instances too. */
function residualBlock(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'x');
  const f = g.chain(x, [conv(), ['BatchNorm', {}, 'bn'], relu(), conv(), ['BatchNorm', {}, 'bn']]);
  g.chain(g.add('Add', {}, [f, x], 'add'), [relu(), ['BlockOutput', {}, 'out']]);
  return { id: 'unit', name: 'Unit', params: {}, graph: g.graph };
}

/**
 * About `layers` layers reaching what an export walks: residual units (every fourth a block
 * instance), then a long chain with no branch; labels repeat ("conv", "relu"), so names collide.
 */
export function growingDocument(layers: number): NetwrightDocument {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 8, width: 8, channels: 8 }, [], 'input');
  for (let count = 1, unit = 0; count < layers / 2; unit++) {
    if (unit % 4 === 3) {
      x = g.add(blockKind('unit'), {}, x, 'unit');
      count += 1;
      continue;
    }
    const f = g.chain(x, [conv(), ['BatchNorm', {}, 'bn'], relu(), conv(), ['BatchNorm', {}, 'bn']]);
    x = g.chain(g.add('Add', {}, [f, x], 'add'), [relu()]);
    count += 7;
  }
  for (let count = 0; count < layers / 2; count += 3) x = g.chain(x, [conv(), ['BatchNorm', {}, 'bn'], relu()]);
  return { ...emptyDocument(`${layers} layers`), graph: g.graph, blocks: [residualBlock()] };
}
