/**
 * `BatchMatMul` and `_FusedMatMul` on wasm as Netwright's SIMD kernel (simd/matmul.c) when the
 * product has no batch (Dense layers and their gradients). tfjs 4.22 hands them to XNNPACK, which
 * builds and packs a new operator for every new weight tensor (every training step, and every
 * transposed copy): 0.4 ms for LeNet-5's 32×400×120 against the kernel's 0.13–0.15 ms; with a
 * transposed operand it runs an unblocked loop. A transposed a is read in place; a transposed b
 * is transposed first (the kernel needs b's rows contiguous). Other cases (a batch, other dtypes,
 * fused activations other than linear, relu and relu6, PReLU weights, a bias that is not one
 * value per column or a single value) run the stock kernels, a transposed operand transposed
 * first (faster for `BatchMatMul`, and correct for `_FusedMatMul`; see fusedByStock).
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchMatMulAttrs, KernelBackend, KernelFunc, TensorInfo, _FusedMatMulAttrs } from '@tensorflow/tfjs';
import { chunkItems, chunksFor, simdKernels, type SimdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

type MatMulInputs = { a: TensorInfo; b: TensorInfo };

/** The kernel's codes for the bias and the activation (matmul.c). */
const BIAS = { none: 0, columns: 1, scalar: 2 } as const;
const ACTIVATIONS: Record<string, number> = { linear: 0, relu: 1, relu6: 2 };

const unbatched = (t: TensorInfo) => t.shape.slice(0, -2).every((d) => d === 1);
type Runner = ReturnType<typeof wasmRunner>;

/** t with its last two axes swapped, as a temporary of `runner`. */
const swapped = ({ run, keep }: Runner, t: TensorInfo) => keep(run('Transpose', { x: t }, { perm: t.shape.map((_, i) => (i < t.shape.length - 2 ? i : 2 * t.shape.length - 3 - i)) }));

/** The operands with their transposes done: what a product with transposeA = transposeB = false takes. */
const untransposed = (runner: Runner, { a, b }: MatMulInputs, transposeA: boolean, transposeB: boolean): MatMulInputs => ({
  a: transposeA ? swapped(runner, a) : a,
  b: transposeB ? swapped(runner, b) : b,
});

export function batchMatMul(args: { inputs: MatMulInputs; backend: KernelBackend; attrs: BatchMatMulAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const simd = simdKernels(backend);
  if (simd && covered(inputs)) return bySimd(simd, backend, inputs, attrs.transposeA, attrs.transposeB, undefined, BIAS.none, 0);
  return byTransposing(args, stock);
}

export function fusedMatMul(args: { inputs: MatMulInputs & { bias?: TensorInfo; preluActivationWeights?: TensorInfo }; backend: KernelBackend; attrs: _FusedMatMulAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const simd = simdKernels(backend);
  const act = ACTIVATIONS[attrs.activation];
  const { bias, preluActivationWeights } = inputs;
  const n = inputs.b.shape[inputs.b.shape.length - (attrs.transposeB ? 2 : 1)]!;
  const biasMode = bias ? biasKind(bias, n, inputs.a.shape.length) : BIAS.none;
  if (!simd || act === undefined || preluActivationWeights || biasMode === undefined || !covered(inputs) || (bias && bias.dtype !== 'float32')) return fusedByStock(args, n, stock);
  return bySimd(simd, backend, inputs, attrs.transposeA, attrs.transposeB, bias, biasMode, act);
}

/**
 * The stock kernel, given what it gets right: tfjs 4.22 leaves out the bias and the activation of
 * a product with a transposed operand (its unblocked loop computes the bare product), and reads
 * N values from a bias of one; so the operands are transposed first and a bias of one value is
 * repeated N times.
 */
function fusedByStock(args: { inputs: MatMulInputs & { bias?: TensorInfo }; backend: KernelBackend; attrs: _FusedMatMulAttrs }, n: number, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { bias } = inputs;
  const single = bias?.shape.length === 1 && bias.shape[0] === 1 && n !== 1;
  if (!(attrs.transposeA || attrs.transposeB || single)) return stock(args as never) as TensorInfo;
  const runner = wasmRunner(backend);
  const { run, keep, release } = runner;
  try {
    const columns = single ? keep(run('Tile', { x: bias! }, { reps: [n] })) : bias;
    const operands = untransposed(runner, inputs, attrs.transposeA, attrs.transposeB);
    return stock({ inputs: { ...inputs, ...operands, bias: columns }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } } as never) as TensorInfo;
  } finally {
    release();
  }
}

/** Unbatched float32 operands of rank 2 or more, and no empty axis. */
const covered = ({ a, b }: MatMulInputs) =>
  a.dtype === 'float32' && b.dtype === 'float32' && a.shape.length >= 2 && b.shape.length >= 2 && unbatched(a) && unbatched(b) && !a.shape.includes(0) && !b.shape.includes(0);

/** How a bias adds to an [..., M, N] product of rank `rank`: one value per column ([N], [1, N], …) or one in all ([1], [1, 1], …); undefined for any other shape. */
function biasKind(bias: TensorInfo, n: number, rank: number): number | undefined {
  const { shape } = bias;
  if (shape.length > rank || shape.slice(0, -1).some((d) => d !== 1)) return undefined;
  const last = shape.length ? shape[shape.length - 1]! : 1;
  return last === 1 ? BIAS.scalar : last === n ? BIAS.columns : undefined;
}

/**
 * c = act(a · b + bias) by matmul.c. A call of more than a few million multiply-adds is cut into
 * chunks of rows (multiples of 4, the kernel's tile) that the threads share out.
 */
function bySimd(simd: SimdKernels, backend: KernelBackend, { a, b }: MatMulInputs, transposeA: boolean, transposeB: boolean, bias: TensorInfo | undefined, biasMode: number, act: number): TensorInfo {
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = transposeB ? [bc, br] : [br, bc];
  if (k !== kb) throw new Error(`Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
  const runner = wasmRunner(backend);
  const { output, release } = runner;
  try {
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    const bRows = transposeB ? swapped(runner, b) : b;
    const batch = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const c = output([...batch, m, n]);
    // a[i][j] at i·ars + j·acs.
    const [ars, acs] = transposeA ? [1, m] : [k, 1];
    const blocks = Math.ceil(m / 4);
    const chunks = chunksFor(simd, m * k * n, blocks);
    simd.run(
      'matmul',
      Array.from({ length: chunks }, (_, i) => {
        const [from, to] = chunkItems(i, chunks, blocks);
        return [at(a), at(bRows), bias ? at(bias) : 0, at(c), 4 * from, Math.min(m, 4 * to), k, n, ars, acs, biasMode, act];
      }),
    );
    return c;
  } finally {
    release();
  }
}

/**
 * Without the SIMD kernel: `BatchMatMul` with a transposed operand and no batch runs an unblocked
 * loop in tfjs 4.22, 5–15× slower than the plain product (the Dense gradients are of this kind);
 * transposing first is cheaper.
 */
function byTransposing(args: { inputs: MatMulInputs; backend: KernelBackend; attrs: BatchMatMulAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  if (!(attrs.transposeA || attrs.transposeB) || !unbatched(inputs.a) || !unbatched(inputs.b)) return stock(args as never) as TensorInfo;
  const runner = wasmRunner(backend);
  try {
    return stock({ inputs: untransposed(runner, inputs, attrs.transposeA, attrs.transposeB), backend, attrs: { ...attrs, transposeA: false, transposeB: false } } as never) as TensorInfo;
  } finally {
    runner.release();
  }
}
