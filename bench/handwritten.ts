/**
 * LeNet-5 and ResNet-20 written directly with tfjs-layers, as a tfjs user would write them: the
 * baseline the compiled templates are measured against (same layers, shapes and parameters).
 */
import * as tf from '@tensorflow/tfjs';
import { ZeroPadChannels } from '../node/engine/model/custom-layers';

const seeded = (() => {
  let seed = 1;
  return () => tf.initializers.glorotUniform({ seed: seed++ });
})();

/** LeNet-5 on 28×28×1 (the `lenet5` template): 61,706 parameters. */
export function handLenet5(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh', kernelInitializer: seeded() }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh', kernelInitializer: seeded() }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'tanh', kernelInitializer: seeded() }),
      tf.layers.dense({ units: 84, activation: 'tanh', kernelInitializer: seeded() }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seeded() }),
    ],
  });
}

function convBn(x: tf.SymbolicTensor, filters: number, kernel: number, stride: number): tf.SymbolicTensor {
  const conv = tf.layers.conv2d({ filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false, kernelInitializer: seeded() });
  return tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 }).apply(conv.apply(x)) as tf.SymbolicTensor;
}

const relu = (x: tf.SymbolicTensor) => tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;

/**
 * ResNet-20 for 32×32×3 (the `resnet20-cifar` template): basic blocks; where the shape changes,
 * the paper's option A shortcut (every second pixel, zero channels added), a layer tfjs lacks, so
 * a hand-written one (the engine's, as a tfjs user would write their own).
 */
export function handResnet20(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = relu(convBn(input, 16, 3, 1));
  [16, 32, 64].forEach((planes, stage) => {
    for (let b = 0; b < 3; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const f = convBn(relu(convBn(x, planes, 3, stride)), planes, 3, 1);
      const shortcut = stride === 1 ? x : (new ZeroPadChannels({ name: `shortcut${stage}`, channels: planes, stride }).apply(x) as tf.SymbolicTensor);
      x = relu(tf.layers.add().apply([f, shortcut]) as tf.SymbolicTensor);
    }
  });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seeded() }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}
