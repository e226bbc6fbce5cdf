/**
 * The weights an ONNX export writes, as the tfjs engine holds them, and their move to ONNX's
 * layout. The engine (node/engine/loop/onnx-weights.ts) fills them from a compiled model: fresh,
 * or loaded from a saved run.
 */

/**
 * One layer's weights by tfjs's names, in tfjs's layout: Conv2D `kernel` H×W×(C/groups)×F (the
 * groups side by side along F) and `bias`; Dense `kernel` in×out and `bias`; BatchNorm `gamma`,
 * `beta`, `moving_mean`, `moving_variance`.
 */
export type LayerWeights = Readonly<Record<string, Float32Array>>;

/** Every layer's weights, by the layer's id in the expanded document (`<instance>/<layer>` inside blocks). */
export type WeightsByNode = ReadonlyMap<string, LayerWeights>;

/** Where the weights came from, for the file's doc_string: "freshly initialised (seed 42)". */
export interface WeightsSource {
  weights: WeightsByNode;
  from: string;
}

/**
 * A kernel from tfjs's H×W×I×O to ONNX's O×I×H×W:
 * `hwioToOihw(k, [3, 3, 16, 32])[((o * 16 + i) * 3 + y) * 3 + x] === k[((y * 3 + x) * 16 + i) * 32 + o]`.
 */
export function hwioToOihw(kernel: Float32Array, [h, w, i, o]: readonly [number, number, number, number]): Float32Array {
  const out = new Float32Array(kernel.length);
  let at = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < i; c++) {
        const base = (c * h + y) * w + x;
        for (let f = 0; f < o; f++) out[f * i * h * w + base] = kernel[at++]!;
      }
    }
  }
  return out;
}
