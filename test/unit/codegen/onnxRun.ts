/**
 * Running an exported ONNX file beside the tfjs engine: onnxruntime on NCHW, the engine's model
 * on the same input as NHWC, each output compared (images brought to NCHW), and onnx.checker.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { relativeError, values } from '../engine/compare';
import { python } from './python';

/** onnx.checker with its full check (shape inference too) on a saved file: '' when it passes, else what it says. */
export async function onnxChecker(path: string): Promise<string> {
  const run = await python(['-c', 'import onnx, sys; onnx.checker.check_model(sys.argv[1], full_check=True)', path]);
  return run.code === 0 ? '' : run.err.trim().split('\n').slice(-3).join('\n');
}

/** "head/classes" → "head_classes": an ONNX output's name as the engine names the same layer. */
const asLayerName = (name: string) => name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * The largest relative error (max |a − b| / max |b|) between the engine's outputs for one input
 * of values in [−1, 1) (from `seed`) and onnxruntime's, output by output, matched by name.
 */
export async function largestError(model: tf.LayersModel, onnx: Uint8Array, seed = 1): Promise<number> {
  const session = await ort.InferenceSession.create(onnx);
  try {
    const [h, w, c] = model.inputs[0]!.shape.slice(1) as [number, number, number];
    const nhwc = tf.tensor(values(h * w * c, seed), [1, h, w, c]);
    const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
    const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', nchw.dataSync() as Float32Array, [1, c, h, w]) };
    const got = await session.run(feeds);
    const want = ([] as tf.Tensor[]).concat(model.predict(nhwc) as tf.Tensor | tf.Tensor[]);
    const errors = want.map((t, i) => {
      const name = session.outputNames.find((n) => asLayerName(n) === model.outputs[i]!.sourceLayer.name);
      if (name === undefined) throw new Error(`onnxruntime has no output for ${model.outputs[i]!.sourceLayer.name} (it has ${session.outputNames.join(', ')})`);
      const ref = t.rank === 4 ? tf.transpose(t, [0, 3, 1, 2]) : t;
      const out = got[name]!;
      if (out.dims.join('×') !== ref.shape.join('×')) throw new Error(`${name}: onnxruntime gives ${out.dims.join('×')}, the engine ${ref.shape.join('×')}`);
      return relativeError(out.data as Float32Array, ref.dataSync());
    });
    tf.dispose([nhwc, nchw, ...want]);
    return Math.max(...errors);
  } finally {
    await session.release();
  }
}

/** Every weight of `model` set to values in [−1, 1) (variances in [0.5, 1.5)), so that no layer's weights are trivial. */
export function randomiseWeights(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((v, i) => {
    const data = values(v.shape.reduce((a, b) => a! * b!, 1)!, seed + i);
    if (v.originalName.endsWith('moving_variance')) data.forEach((x, j) => (data[j] = Math.abs(x) + 0.5));
    tf.tidy(() => {
      v.write(tf.tensor(data, v.shape as number[]));
    });
  });
}
