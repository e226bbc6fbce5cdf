/**
 * Layers that join several tensors: Add (residual connections), Concatenate (Inception,
 * DenseNet) and Multiply (squeeze-and-excitation). Inputs keep the order of their ports.
 */
import { defineLayer, formatShape, type Fix, type InferResult, type Shape } from './types';

const inputsSpec = { name: 'inputs', label: 'Inputs', type: 'int', default: 2, min: 2, max: 64 } as const;
const same = (a: Shape, b: Shape) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A 1×1 convolution that makes `from` match `to` for an Add, when only channels and stride differ. */
function projection(from: Shape, to: Shape, port: number): Fix[] {
  if (from.length !== 3 || to.length !== 3) return [];
  const stride = from[0]! / to[0]!;
  if (!Number.isInteger(stride) || stride < 1 || from[1]! / to[1]! !== stride) return [];
  return [{ label: `Insert a 1×1 projection (Conv2D ${to[2]}@1×1${stride > 1 ? ` /${stride}` : ''}) on input ${port + 1}`, insertBefore: 'Conv2D', insertParams: { filters: to[2]!, kernel: 1, stride, padding: 'valid' }, port }];
}

export const add = defineLayer({
  kind: 'Add',
  title: 'Add',
  category: 'merge',
  description: 'Adds its inputs element by element: the skip connection of a residual block, H(x) = F(x) + x.',
  params: [inputsSpec],
  inputs: (p) => p.inputs,
  infer(xs): InferResult {
    const first = xs[0]!;
    const port = xs.findIndex((x) => !same(x, first));
    if (port < 0) return { shape: first };
    const other = xs[port]!;
    // Project the larger (or equal) spatial side onto the other: a shortcut catches up with its branch.
    const fixes = other[0]! >= first[0]! ? projection(other, first, port) : projection(first, other, 0);
    return { error: { message: `Add needs equal shapes, but input 1 is ${formatShape(first)} and input ${port + 1} is ${formatShape(other)}`, fixes } };
  },
  caption: (p) => (p.inputs > 2 ? `×${p.inputs}` : ''),
});

export const concatenate = defineLayer({
  kind: 'Concatenate',
  title: 'Concatenate',
  category: 'merge',
  description: 'Stacks its inputs along the channels, in the order of its ports: 28×28×128 and 28×28×64 give 28×28×192.',
  params: [inputsSpec],
  inputs: (p) => p.inputs,
  infer(xs): InferResult {
    const first = xs[0]!;
    const port = xs.findIndex((x) => x.length !== first.length || x.slice(0, -1).some((d, i) => d !== first[i]));
    if (port < 0) return { shape: [...first.slice(0, -1), xs.reduce((c, x) => c + x.at(-1)!, 0)] };
    const other = xs[port]!;
    const ratio = other.length === 3 && first.length === 3 ? other[0]! / first[0]! : NaN;
    const fixes: Fix[] =
      Number.isInteger(ratio) && ratio > 1 && other[1]! / first[1]! === ratio
        ? [{ label: `Resize input ${port + 1} with a ${ratio}×${ratio} max pool`, insertBefore: 'MaxPool2D', insertParams: { size: ratio, stride: ratio, padding: 'valid' }, port }]
        : [];
    return {
      error: {
        message: `Concatenate needs the same size on every input except the channels, but input 1 is ${formatShape(first)} and input ${port + 1} is ${formatShape(other)}`,
        fixes,
      },
    };
  },
  caption: (p) => (p.inputs > 2 ? `×${p.inputs}` : ''),
});

/** NumPy broadcasting: align from the right; each pair of sizes is equal or one of them is 1. */
function broadcast(a: Shape, b: Shape): Shape | undefined {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 1; i <= n; i++) {
    const x = a.at(-i) ?? 1;
    const y = b.at(-i) ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.unshift(Math.max(x, y));
  }
  return out;
}

export const multiply = defineLayer({
  kind: 'Multiply',
  title: 'Multiply',
  category: 'merge',
  description: 'Multiplies its inputs element by element, broadcasting sizes of 1: a 1×1×C gate scales each channel (squeeze-and-excitation).',
  params: [inputsSpec],
  inputs: (p) => p.inputs,
  infer(xs): InferResult {
    let shape: Shape = xs[0]!;
    for (let i = 1; i < xs.length; i++) {
      const next = broadcast(shape, xs[i]!);
      if (!next) return { error: { message: `Multiply cannot broadcast ${formatShape(shape)} with input ${i + 1}'s ${formatShape(xs[i]!)}: each size must match or be 1` } };
      shape = next;
    }
    return { shape };
  },
  caption: () => '',
});
