/**
 * A block instance's key parameters in one line, derived from the block's graph: parameters
 * that set a layer's width show as bare numbers, chained with → where a layer of one feeds a
 * layer of the next (GoogLeNet's Inception 3a reads `64, 96→128, 16→32, 32`); the others show
 * with their name (`stride 2`).
 */
import { isExpression } from '../../../shared/blocks/expr';
import type { Block } from '../../../shared/graph/schema';
import type { Params, ParamValue } from '../../../shared/layers/types';

/** Layer parameters that say how wide a layer's output is. */
const WIDTHS = new Set(['filters', 'units']);

interface Widths {
  /** Block parameter → the inner nodes whose width is exactly that parameter. */
  nodes: Map<string, string[]>;
  /** Block parameter → the width parameter of a layer it feeds directly. */
  next: Map<string, string>;
}

const cache = new WeakMap<Block, Widths>();

function widthsOf(block: Block): Widths {
  let w = cache.get(block);
  if (w) return w;
  const nodes = new Map<string, string[]>();
  const paramOf = new Map<string, string>();
  for (const n of block.graph.nodes) {
    for (const [name, v] of Object.entries(n.params)) {
      if (!WIDTHS.has(name) || !isExpression(v)) continue;
      const ref = v.slice(1).trim();
      if (!Object.prototype.hasOwnProperty.call(block.params, ref)) continue;
      nodes.set(ref, [...(nodes.get(ref) ?? []), n.id]);
      paramOf.set(n.id, ref);
    }
  }
  const next = new Map<string, string>();
  for (const e of block.graph.edges) {
    const from = paramOf.get(e.source);
    const to = paramOf.get(e.target);
    if (from && to && from !== to && !next.has(from)) next.set(from, to);
  }
  w = { nodes, next };
  cache.set(block, w);
  return w;
}

const show = (v: ParamValue | undefined) => (Array.isArray(v) ? v.join('×') : String(v));

/** `keyParams(inception(), { n1x1: 64, n3x3red: 96, … })` → `64, 96→128, 16→32, 32`. */
export function keyParams(block: Block, params: Params): string {
  const { nodes, next } = widthsOf(block);
  const fed = new Set(next.values());
  const done = new Set<string>();
  const parts: string[] = [];
  for (const name of Object.keys(block.params)) {
    if (done.has(name)) continue;
    if (nodes.has(name)) {
      if (fed.has(name) && !isChainStart(name, next, done)) continue;
      const chain: string[] = [];
      for (let p: string | undefined = name; p !== undefined && !done.has(p); p = next.get(p)) {
        done.add(p);
        chain.push(show(params[p]));
      }
      parts.push(chain.join('→'));
    } else {
      done.add(name);
      const v = params[name];
      if (typeof v === 'boolean') {
        if (v) parts.push(name);
      } else parts.push(`${name} ${show(v)}`);
    }
  }
  return parts.join(', ');
}

/** A parameter fed by another one starts no chain of its own, unless its feeder was shown already. */
function isChainStart(name: string, next: Map<string, string>, done: Set<string>): boolean {
  for (const [from, to] of next) if (to === name && !done.has(from)) return false;
  return true;
}
