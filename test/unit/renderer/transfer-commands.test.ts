/**
 * The transfer-learning commands (renderer/src/commands/transfer.ts) through the store: each is
 * one undo step, keystrokes in the LR factor field fold into one, and adapting without a Dense
 * layer is an alert, not an edit.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { setFrozen, setLrFactor } from '../../../shared/document/transfer';
import { emptyDocument } from '../../../shared/graph/schema';
import { lenet5 } from '../../../shared/templates/lenet5';
import { undo } from '../../../renderer/src/commands/history';
import { adaptHead, freezeBeforeNode, freezeNodes, setNodeLrFactor, unfreezeEverything } from '../../../renderer/src/commands/transfer';
import { editGroupKey } from '../../../renderer/src/store/editGroups';
import { breakEditGroup } from '../../../renderer/src/store/history';
import { useApp } from '../../../renderer/src/store/store';

const store = () => useApp.getState();
const frozen = () => store().doc.graph.nodes.filter((n) => n.frozen).map((n) => n.id);
const steps = () => useApp.temporal.getState().pastStates.length;

beforeEach(() => {
  store().replaceDocument(lenet5());
  breakEditGroup();
});

describe('transfer-learning commands', () => {
  it('makes freeze everything before, unfreeze all and freeze one step each', () => {
    freezeBeforeNode('f6');
    expect(frozen()).toEqual(['input', 'c1', 's2', 'c3', 's4', 'flatten', 'c5']);
    freezeNodes(['c3'], false);
    unfreezeEverything();
    expect(frozen()).toEqual([]);
    expect(steps()).toBe(3);
    undo();
    expect(frozen()).toEqual(['input', 'c1', 's2', 's4', 'flatten', 'c5']);
    undo();
    undo();
    expect(frozen()).toEqual([]);
  });

  it('folds keystrokes in the LR factor into one step, but not two clicks on Frozen', () => {
    const doc = lenet5();
    expect(editGroupKey(doc, setLrFactor(doc, 'output', 10))).toBe('node:output::lrFactor');
    expect(editGroupKey(doc, setFrozen(doc, ['output'], true))).toBeUndefined();
    setNodeLrFactor('output', 1.5);
    setNodeLrFactor('output', 10);
    expect(steps()).toBe(1);
    undo();
    expect(store().doc.graph.nodes.find((n) => n.id === 'output')).not.toHaveProperty('lrFactor');
  });

  it('adapts the head in one step, and says why it cannot without a Dense layer', () => {
    expect(adaptHead(3)).toEqual({ id: 'output', name: 'Output', from: 10, to: 3 });
    expect(store().doc.graph.nodes.find((n) => n.id === 'output')!.params.units).toBe(3);
    expect(steps()).toBe(1);
    undo();
    expect(store().doc.graph.nodes.find((n) => n.id === 'output')!.params.units).toBe(10);

    store().replaceDocument(emptyDocument());
    expect(adaptHead(3)).toBeUndefined();
    expect(store().alert?.message).toMatch(/^Cannot adapt to the dataset: The network has no Dense layer/);
    expect(steps()).toBe(0);
  });
});
