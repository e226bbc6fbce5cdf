/**
 * Undo and redo through the store: every kind of edit is one step, a burst of keystrokes in one
 * field is one step, and opening a document starts a fresh history.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { inception } from '../../../shared/blocks/library';
import { addBlockInstance } from '../../../shared/document/block-edits';
import { updateNode, updateTraining, renameDocument, moveNodes } from '../../../shared/document/edits';
import { inferenceOf } from '../../../shared/document/inference';
import { emptyDocument, type Block } from '../../../shared/graph/schema';
import { lenet5 } from '../../../shared/templates/lenet5';
import { deleteSelection } from '../../../renderer/src/commands/editor';
import { redo, undo } from '../../../renderer/src/commands/history';
import { editGroupKey } from '../../../renderer/src/store/editGroups';
import { breakEditGroup } from '../../../renderer/src/store/history';
import { useApp } from '../../../renderer/src/store/store';

const store = () => useApp.getState();
const history = () => useApp.temporal.getState();
const count = () => store().doc.graph.nodes.length;
const param = (id: string, name: string) => store().doc.graph.nodes.find((n) => n.id === id)?.params[name];

beforeEach(() => {
  store().replaceDocument(emptyDocument());
  breakEditGroup();
});

describe('undo and redo', () => {
  it('undoes five added layers back to an empty canvas and redoes them', () => {
    for (let i = 0; i < 5; i++) store().addLayer('Conv2D', { x: i * 200, y: 0 });
    expect(count()).toBe(5);
    expect(history().pastStates).toHaveLength(5);
    for (let i = 0; i < 5; i++) undo();
    expect(count()).toBe(0);
    expect(history().pastStates).toHaveLength(0);
    for (let i = 0; i < 5; i++) redo();
    expect(count()).toBe(5);
    expect(store().doc.graph.nodes.map((n) => n.id)).toEqual(['conv2d-1', 'conv2d-2', 'conv2d-3', 'conv2d-4', 'conv2d-5']);
  });

  it('starts a fresh history when a document replaces the open one', () => {
    store().addLayer('Input', { x: 0, y: 0 });
    expect(history().pastStates).toHaveLength(1);
    store().replaceDocument(lenet5());
    expect(history().pastStates).toHaveLength(0);
    expect(history().futureStates).toHaveLength(0);
    store().setLabel('c1', 'first');
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(store().doc.graph.nodes.find((n) => n.id === 'c1')?.label).toBe('C1');
  });

  it('folds keystrokes in one field into one step, until the field is left', () => {
    store().replaceDocument(lenet5());
    for (const filters of [1, 12, 128]) store().setParams('c1', { filters });
    expect(history().pastStates).toHaveLength(1);
    store().setParams('c1', { kernel: 3 }); // another field: another step
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(param('c1', 'kernel')).toBe(5);
    expect(param('c1', 'filters')).toBe(128);
    undo();
    expect(param('c1', 'filters')).toBe(6);
    redo();
    expect(param('c1', 'filters')).toBe(128);

    store().setParams('c1', { filters: 7 });
    breakEditGroup(); // the field lost focus
    store().setParams('c1', { filters: 8 });
    expect(history().pastStates).toHaveLength(3);
  });

  it('folds keystrokes in a block definition’s fields into one step, even one that leaves the value as it was', () => {
    store().addBlock(inception(), { x: 0, y: 0 });
    const instance = store().doc.graph.nodes[0]!.id;
    for (const n1x1 of [1, 12, 12, 128]) store().setBlockDefaults('inception', { n1x1 });
    expect(history().pastStates).toHaveLength(2);
    store().openBlock(instance);
    store().selectNode('3x3');
    // "=n3x3 " commits what "=n3x3" did (the field trims it): no edit, and the run goes on.
    for (const filters of ['=n', '=n3x3', '=n3x3', '=n3x3 *', '=n3x3 * 2']) store().setParams('3x3', { filters });
    expect(history().pastStates).toHaveLength(3);
    undo();
    const block = () => store().doc.blocks.find((b) => b.id === 'inception')!;
    expect(block().graph.nodes.find((n) => n.id === '3x3')!.params['filters']).toBe('=n3x3');
    expect(store().selection.nodes).toEqual(['3x3']); // the layer is still there, inside the block
    undo();
    expect(block().params['n1x1']).toBe(64);
  });

  it('records nothing for an edit that changes nothing', () => {
    store().replaceDocument(lenet5());
    const doc = store().doc;
    store().setParams('c1', { filters: 6 });
    store().setLabel('c1', 'C1');
    store().setTraining({ epochs: doc.training.epochs });
    expect(store().doc).toBe(doc);
    expect(history().pastStates).toHaveLength(0);
  });

  it('does not fold an edit after an undo into the step before it', () => {
    store().replaceDocument(lenet5());
    store().setParams('c1', { filters: 10 });
    undo();
    store().setParams('c1', { filters: 11 });
    expect(history().pastStates).toHaveLength(1);
    expect(history().futureStates).toHaveLength(0);
    undo();
    expect(param('c1', 'filters')).toBe(6);
  });

  it('makes a drag one step, committed at its end', () => {
    store().replaceDocument(lenet5());
    const start = store().doc.graph.nodes[1]!.position;
    for (let x = 1; x <= 30; x++) store().onNodesChange([{ type: 'position', id: 'c1', position: { x: start.x + x, y: start.y }, dragging: true }]);
    expect(history().pastStates).toHaveLength(0);
    store().onNodesChange([{ type: 'position', id: 'c1', dragging: false }]);
    expect(store().doc.graph.nodes[1]!.position).toEqual({ x: start.x + 30, y: start.y });
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(store().doc.graph.nodes[1]!.position).toEqual(start);
  });

  it('records connecting and deleting (a layer with its connections) as one step each', () => {
    store().addLayer('Input', { x: 0, y: 0 });
    store().addLayer('Conv2D', { x: 200, y: 0 });
    store().connect('input-1', 'conv2d-1', 0);
    expect(store().doc.graph.edges).toHaveLength(1);
    store().selectNode('conv2d-1');
    deleteSelection();
    expect(store().doc.graph).toMatchObject({ nodes: [{ id: 'input-1' }], edges: [] });
    undo();
    expect(store().doc.graph.edges).toHaveLength(1);
    undo();
    expect(store().doc.graph.edges).toHaveLength(0);
    expect(count()).toBe(2);
  });

  it('makes a one-click fix one step', () => {
    store().replaceDocument(lenet5());
    store().setParams('c1', { kernel: 40, padding: 'valid' });
    breakEditGroup();
    const broken = store().doc;
    const fix = inferenceOf(broken).nodes['c1']!.error!.fixes[0]!;
    store().applyFix('c1', fix);
    expect(inferenceOf(store().doc).errors).toEqual([]);
    undo();
    expect(store().doc).toBe(broken);
  });

  it('keeps selection and view changes out of the history, and drops a selection an undo removed', () => {
    store().addLayer('Dense', { x: 0, y: 0 });
    store().selectNode(null);
    store().onNodesChange([{ type: 'select', id: 'dense-1', selected: true }]);
    store().onNodesChange([{ type: 'dimensions', id: 'dense-1', dimensions: { width: 160, height: 44 } }]);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(store().selection.nodes).toEqual([]);
  });
});

describe('edit groups', () => {
  const doc = lenet5();
  it('names an edit of one field of one layer', () => {
    expect(editGroupKey(doc, updateNode(doc, 'c1', { params: { filters: 8 } }))).toBe('node:c1:filters');
    expect(editGroupKey(doc, updateNode(doc, 'c1', { label: 'x' }))).toBe('node:c1::label');
    expect(editGroupKey(doc, renameDocument(doc, 'Mine'))).toBe('name');
    expect(editGroupKey(doc, updateTraining(doc, { epochs: 9 }))).toBe('training:epochs');
  });

  it('names an edit of one field of a block definition', () => {
    const withBlock = addBlockInstance(doc, inception(), { x: 0, y: 0 }).doc;
    const edit = (f: (b: Block) => Block) => ({ ...withBlock, blocks: withBlock.blocks.map((b) => (b.id === 'inception' ? f(b) : b)) });
    expect(editGroupKey(withBlock, edit((b) => ({ ...b, params: { ...b.params, n1x1: 32 } })))).toBe('block:inception:params:n1x1');
    expect(editGroupKey(withBlock, edit((b) => ({ ...b, name: 'Mine' })))).toBe('block:inception:name');
    const inner = (b: Block) => ({ ...b, graph: updateNode({ ...withBlock, graph: b.graph }, b.graph.nodes[1]!.id, { params: { kernel: 3 } }).graph });
    expect(editGroupKey(withBlock, edit(inner))).toBe(`block:inception:node:${inception().graph.nodes[1]!.id}:kernel`);
    expect(editGroupKey(withBlock, { ...edit(inner), name: 'x' })).toBeUndefined();
  });

  it('leaves moves, edits of two layers and structural edits ungrouped', () => {
    expect(editGroupKey(doc, moveNodes(doc, new Map([['c1', { x: 5, y: 5 }]])))).toBeUndefined();
    expect(editGroupKey(doc, updateNode(updateNode(doc, 'c1', { params: { filters: 8 } }), 'c3', { params: { filters: 8 } }))).toBeUndefined();
    expect(editGroupKey(doc, { ...doc, graph: { ...doc.graph, edges: [] } })).toBeUndefined();
    expect(editGroupKey(doc, doc)).toBeUndefined();
  });
});
