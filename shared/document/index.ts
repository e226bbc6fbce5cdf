/**
 * Document operations: the pure edits the editor applies to a document, so the app, the CLI and
 * the API can make the same change the same way. Each takes a document and returns a new one
 * (with the identity of everything it did not change kept), and none touches React, a store or
 * the DOM. Inside an opened block, `inScope` applies an edit to the block's definition.
 *
 *     const { doc: next, id } = addNode(doc, 'Conv2D', { x: 0, y: 0 });
 *     const wired = connect(next, 'input-1', id, 0);
 */
export { addNode, connect, freeId, insertBefore, moveNodes, removeElements, renameDocument, updateNode, updateTraining, type XY } from './edits';
export { addBlockInstance, renameBlock, resetOverride, setBlockDefaults, unlinkInPlace } from './block-edits';
export { groupIntoBlock, type Grouped } from './group';
export { inputsOf, place, spliceIntoEdge, type Placeable } from './place';
export { freeOffset, pasteSubgraph, type Pasted, type Placement, type Subgraph } from './paste';
export { inScope, inputShapes, instanceCount, rootScope, scopeBlock, scopeGraph, scopeInference, validScope, type Scope, type ScopeFrame } from './scope';
export { inferenceOf, nodesById } from './inference';
export { adaptToClasses, ancestorsOf, freezeBefore, hasWeights, headOf, nodeByName, parameterSplit, parameterText, setFrozen, setLrFactor, unfreezeAll, type Adapted, type ParameterSplit } from './transfer';
