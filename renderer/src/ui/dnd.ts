/** The palette → canvas drag-and-drop protocol: one data type carrying the layer kind, one a block's id. */
import { builtinBlocks } from '../../../shared/blocks/library';
import type { Block } from '../../../shared/graph/schema';
import { isLayerKind, type LayerKind } from '../../../shared/layers/registry';

export const LAYER_MIME = 'application/netwright-layer';
export const BLOCK_MIME = 'application/netwright-block';

/** Put a layer kind on a drag that starts in the palette. */
export function startLayerDrag(e: React.DragEvent, kind: LayerKind): void {
  e.dataTransfer.setData(LAYER_MIME, kind);
  e.dataTransfer.setData('text/plain', kind);
  e.dataTransfer.effectAllowed = 'copy';
}

/** Put a block's id on a drag that starts in the palette's Blocks section. */
export function startBlockDrag(e: React.DragEvent, blockId: string): void {
  e.dataTransfer.setData(BLOCK_MIME, blockId);
  e.dataTransfer.setData('text/plain', blockId);
  e.dataTransfer.effectAllowed = 'copy';
}

/** True while the dragged thing is a palette layer or block (its data is only readable on drop). */
export const isLayerDrag = (e: React.DragEvent) => e.dataTransfer.types.includes(LAYER_MIME) || e.dataTransfer.types.includes(BLOCK_MIME);

/** The block a drop carries: the document's definition of that id, else the library's. */
export function droppedBlock(e: React.DragEvent, documentBlocks: readonly Block[]): Block | undefined {
  const id = e.dataTransfer.getData(BLOCK_MIME);
  if (!id) return undefined;
  return documentBlocks.find((b) => b.id === id) ?? builtinBlocks().find((b) => b.id === id);
}

/** The layer kind a drop carries, if it is one. */
export function droppedKind(e: React.DragEvent): LayerKind | undefined {
  const kind = e.dataTransfer.getData(LAYER_MIME);
  return isLayerKind(kind) ? kind : undefined;
}

/** Roughly half a node, so a dropped node lands centred under the pointer. */
export const NODE_HALF = { x: 80, y: 22 };
