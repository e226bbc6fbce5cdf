/** Whether a network ends in a softmax: the one answer the tfjs engine, train.py and the torch engine's saved model use. */
import { describe, expect, it } from 'vitest';
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { endsInSoftmax, pytorchReturnsProbabilities, softmaxLeftOut } from '../../../shared/graph/softmax-output';
import { sequential } from '../../../shared/templates/build';
import { buildTemplate, templateIds } from '../../../shared/templates/index';
import { cornerCases } from '../codegen/fixtures';

const input = { kind: 'Input', params: { height: 8, width: 8, channels: 1 } } as const;

/** Input → Flatten → an instance of a block whose Dense takes its activation from the instance. */
function headWith(activation: string): NetwrightDocument {
  const inner = new GraphBuilder();
  inner.chain(inner.add('BlockInput', { port: 0 }, [], 'in'), [
    ['Dense', { units: 10, activation: '=act' }, 'dense'],
    ['Dropout', { rate: 0.5 }, 'drop'],
    ['BlockOutput', {}, 'out'],
  ]);
  const g = new GraphBuilder();
  const x = g.chain(g.add('Input', { height: 8, width: 8, channels: 1 }, [], 'in'), [['Flatten', {}, 'flat']]);
  g.add(blockKind('head'), { act: activation }, x, 'head');
  return { ...emptyDocument('Head'), graph: g.graph, blocks: [{ id: 'head', name: 'Head', params: { act: 'linear' }, graph: inner.graph }] };
}

describe('endsInSoftmax', () => {
  it('sees a Dense with a softmax activation, or a softmax Activation, through Dropout', () => {
    expect(endsInSoftmax(sequential('Act', [input, { kind: 'Flatten' }, { kind: 'Activation', params: { fn: 'softmax' } }, { kind: 'Dropout', params: { rate: 0.1 } }]))).toBe(true);
    expect(endsInSoftmax(sequential('Logits', [input, { kind: 'Flatten' }, { kind: 'Dense', params: { units: 10 } }, { kind: 'Dropout', params: { rate: 0.1 } }]))).toBe(false);
  });

  it('looks into blocks, with the activation the instance gives its definition', () => {
    expect(endsInSoftmax(headWith('softmax'))).toBe(true);
    expect(endsInSoftmax(headWith('relu'))).toBe(false);
  });

  it('reads the first output of a network with several, as the compiled model orders them', () => {
    // Corner cases: the linear "side out" comes before the softmax head.
    expect(endsInSoftmax(cornerCases())).toBe(false);
    const doc = cornerCases();
    const side = doc.graph.nodes.find((n) => n.label === 'side out')!;
    expect(endsInSoftmax({ ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => (n === side ? { ...n, params: { ...n.params, activation: 'softmax' } } : n)) } })).toBe(true);
  });

  it('answers for every template: the paper nets end in a softmax, torchvision’s in logits', () => {
    const softmax = templateIds.filter((id) => endsInSoftmax(buildTemplate(id)!));
    expect(softmax).toContain('lenet5');
    expect(softmax).not.toContain('alexnet-tv');
    expect(softmax.length).toBeGreaterThan(0);
  });
});

describe('softmaxLeftOut', () => {
  it("names the top-level layer whose softmax the PyTorch export leaves out; a block's softmax stays", () => {
    const lenet = buildTemplate('lenet5')!;
    expect(softmaxLeftOut(lenet)).toBe(lenet.graph.nodes.find((n) => n.params.activation === 'softmax')!.id);
    expect(pytorchReturnsProbabilities(lenet)).toBe(false);
    expect(softmaxLeftOut(buildTemplate('alexnet-tv')!)).toBeUndefined();
    // Inside a block: every instance would lose it, so forward() keeps it and returns probabilities.
    expect(softmaxLeftOut(headWith('softmax'))).toBeUndefined();
    expect(pytorchReturnsProbabilities(headWith('softmax'))).toBe(true);
    expect(pytorchReturnsProbabilities(headWith('relu'))).toBe(false);
  });
});
