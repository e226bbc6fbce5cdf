/**
 * ONNX both ways: Netwright's own ONNX export (fresh weights) of LeNet-5 and of plain-20 imports
 * back, the Transpose to N×H×W×C it writes before a Flatten read as Netwright's Flatten, with the
 * template's parameter count, and the imported document with its imported weights gives
 * onnxruntime's output on the exported file. A Transpose that feeds anything but a Flatten, or
 * permutes otherwise, is refused in one line.
 */
import { describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { freshWeights } from '../../../node/engine/loop/onnx-weights';
import { compileWithStateDict } from '../../../node/engine/model/weights';
import { toOnnx } from '../../../shared/codegen/onnx/index';
import type { Node } from '../../../shared/codegen/onnx/proto';
import { importOnnx, parameterCount } from '../../../shared/importers/onnx/import';
import { summarize } from '../../../shared/summary';
import { buildTemplate } from '../../../shared/templates/index';
import { largestError } from '../codegen/onnxRun';
import { onnxFile } from './onnxFiles';

describe("Netwright's own ONNX export imports back", () => {
  for (const [id, params] of [
    ['lenet5', 61_706],
    ['plain20-cifar', 269_722],
    // Its shortcuts' Slice (every second pixel) and Pad (zero channels) come back as two ZeroPadChannels.
    ['resnet20-cifar', 269_722],
  ] as const) {
    it(`${id}: the same parameters and onnxruntime's output`, async () => {
      await pickBackend();
      const doc = buildTemplate(id)!;
      expect(summarize(doc).totals.params).toBe(params);
      const bytes = toOnnx(doc, freshWeights(doc));
      const imported = importOnnx(bytes, `${id}.onnx`);
      expect(parameterCount(imported.weights)).toBe(params);
      expect(summarize(imported.doc).totals.params).toBe(params);
      const { model } = compileWithStateDict(imported.doc, imported.weights);
      try {
        expect(await largestError(model, bytes)).toBeLessThan(1e-4);
      } finally {
        model.dispose();
      }
    }, 120_000);
  }
});

describe('a Transpose the import cannot read', () => {
  const file = (nodes: Node[]) => onnxFile(nodes, [], [1, 3, 4, 4], [1, 4, 4, 3]);
  const refusal = (nodes: Node[]) => {
    try {
      importOnnx(file(nodes), 't.onnx');
    } catch (e) {
      return (e as Error).message;
    }
    return 'imported';
  };
  const transposeTo = (perm: number[], output = 'y'): Node => ({ opType: 'Transpose', name: 't', inputs: ['x'], outputs: [output], attributes: { perm: { ints: perm } } });

  it('feeding anything but a Flatten, or with another permutation, is one line', () => {
    expect(refusal([transposeTo([0, 2, 3, 1], 'h'), { opType: 'Relu', name: 'relu', inputs: ['h'], outputs: ['y'], attributes: {} }])).toBe(
      'node "relu" (Relu): its input is an image transposed to N×H×W×C, which Netwright imports only before a Flatten',
    );
    expect(refusal([transposeTo([0, 1, 3, 2])])).toBe('node "t" (Transpose): its permutation (0,1,3,2) is not N×C×H×W to N×H×W×C before a Flatten');
  });
});
