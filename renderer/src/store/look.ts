/**
 * `useLook`: the feature maps of the last "Look inside" (the Runs tab's Feature maps) by node, for
 * the canvas, which shows a strip of a node's maps while the pointer is over it. Keyed by the node's
 * path of ids (`instance/inner` inside a block), so a block instance shows its output's maps and,
 * opened, its inner layers show theirs. Not part of the document; forgotten when another
 * document replaces the open one (they belong to the document of `loadId`).
 */
import { create } from 'zustand';

/** One node's maps: its layer, output shape (`28×28×6`) and the grid of tiles the look drew. */
export interface MapStrip {
  layer: string;
  shape: string;
  png: string;
  /** The grid's width in pixels. */
  width: number;
  cols: number;
  count: number;
  tileWidth: number;
  tileHeight: number;
  gap: number;
}

export interface LookState {
  /** The document store's `loadId` when the maps were drawn. */
  loadId: number;
  /** Node path → its maps. */
  strips: Readonly<Record<string, MapStrip>>;
  setStrips(loadId: number, strips: Record<string, MapStrip>): void;
}

/** `useLook((s) => s.strips['C1'])`; check `loadId` against the open document's. */
export const useLook = create<LookState>()((set) => ({
  loadId: -1,
  strips: {},
  setStrips: (loadId, strips) => set({ loadId, strips }),
}));
