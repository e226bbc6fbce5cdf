/** The compiler: the classic templates compile to tfjs models with the literature's sizes. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDocument, layerNamer } from '../../../node/engine/model/compile';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';
import { pickBackend } from '../../../node/engine/backend/choose';
import { lenet5 } from '../../../shared/templates/lenet5';
import { sequential } from '../../../shared/templates/build';

beforeAll(async () => {
  await pickBackend('cpu');
});

describe('compileDocument', () => {
  it('compiles LeNet-5 with 61,706 parameters and the lecture shapes', () => {
    const model = compileDocument(lenet5());
    expect(model.countParams()).toBe(61706);
    expect(model.inputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    expect(model.getLayer('C1').outputShape).toEqual([null, 28, 28, 6]);
    expect(model.getLayer('C3').outputShape).toEqual([null, 10, 10, 16]);
    expect(model.getLayer('S4').outputShape).toEqual([null, 5, 5, 16]);
    // C1's padding of 2 on a 5×5 kernel at stride 1 is tfjs's 'same': no padding layer needed.
    expect(model.getLayer('C1').getConfig().padding).toBe('same');
    expect(model.layers.map((l) => l.name)).not.toContain('C1_pad');
    model.dispose();
  });

  it('with the stock tfjs layers, pads explicitly: a ZeroPadding2D in front of a valid convolution', () => {
    const model = compileDocument(lenet5(), { fastLayers: false });
    expect(model.getLayer('C1_pad').outputShape).toEqual([null, 32, 32, 1]);
    expect(model.getLayer('C1').getConfig().padding).toBe('valid');
    model.dispose();
  });

  it('runs a forward pass to probabilities', () => {
    const model = compileDocument(lenet5());
    const y = tf.tidy(() => (model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor).sum(1).dataSync());
    expect(Array.from(y).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([1, 1]);
    model.dispose();
  });

  it('refuses a graph with errors and lists them by layer', () => {
    const doc = sequential('Broken', [
      { kind: 'Input', label: 'Input', params: { height: 4, width: 4, channels: 1 } },
      { kind: 'Conv2D', label: 'Big', params: { filters: 2, kernel: 7 } },
      { kind: 'Dense', label: 'Out', params: { units: 10 } },
    ]);
    expect(() => compileDocument(doc)).toThrow(/^The network has 1 error; fix it before training:\n- Big: output = \(4 \+ 2·0 − 7\) \/ 1 \+ 1 = -2/);
  });

  it('knows whether the output is a softmax', () => {
    expect(endsInSoftmax(lenet5())).toBe(true);
    const logits = sequential('Logits', [
      { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 10 } },
      { kind: 'Dropout', params: { rate: 0.1 } },
    ]);
    expect(endsInSoftmax(logits)).toBe(false);
    const act = sequential('Act', [
      { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Activation', params: { fn: 'softmax' } },
      { kind: 'Dropout', params: { rate: 0.1 } },
    ]);
    expect(endsInSoftmax(act)).toBe(true);
  });
});

describe('layerNamer', () => {
  it('sanitises labels and keeps names unique', () => {
    const name = layerNamer();
    expect([name('C1'), name('conv 3×3'), name('C1'), name('1st'), name('C1_pad')]).toEqual(['C1', 'conv_3_3', 'C1_2', 'layer_1st', 'C1_pad_2']);
  });
});
