/** The palette → canvas drag-and-drop protocol: one data type carrying the layer kind. */
import { isLayerKind, type LayerKind } from '../../../shared/layers/registry';

export const LAYER_MIME = 'application/netwright-layer';

/** Put a layer kind on a drag that starts in the palette. */
export function startLayerDrag(e: React.DragEvent, kind: LayerKind): void {
  e.dataTransfer.setData(LAYER_MIME, kind);
  e.dataTransfer.setData('text/plain', kind);
  e.dataTransfer.effectAllowed = 'copy';
}

/** True while the dragged thing is a palette layer (its data is only readable on drop). */
export const isLayerDrag = (e: React.DragEvent) => e.dataTransfer.types.includes(LAYER_MIME);

/** The layer kind a drop carries, if it is one. */
export function droppedKind(e: React.DragEvent): LayerKind | undefined {
  const kind = e.dataTransfer.getData(LAYER_MIME);
  return isLayerKind(kind) ? kind : undefined;
}

/** Roughly half a node, so a dropped node lands centred under the pointer. */
export const NODE_HALF = { x: 80, y: 22 };
