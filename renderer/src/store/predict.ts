/**
 * `usePredict`: the pretrained weights loaded for the open document (the Summary tab's Predict
 * section), kept as the file's name and bytes (base64) for the API's `predict`, as the template
 * whose published ImageNet weights were downloaded into the cache, or as the id of an imported
 * ONNX model whose weights the service keeps in the data folder (`import.onnx`). Not part of the
 * document: not saved in it, not undoable, and forgotten when another document replaces it
 * (they belong to the document of `loadId`, the document store's count of replacements). Also a
 * photo dropped on the canvas, which the Predict section takes as if dropped on it.
 */
import { create } from 'zustand';

/** A file's bytes (base64), a template's published ImageNet weights in the data folder's cache, or an imported model's. */
export type LoadedWeights = {
  /** The document store's `loadId` when they were loaded. */
  loadId: number;
  name: string;
  bytes: number;
} & ({ base64: string } | { published: string } | { imported: string });

export interface PredictState {
  weights: LoadedWeights | null;
  setWeights(weights: LoadedWeights | null): void;
  /** A photo dropped outside the Predict section (on the canvas), waiting for the section to predict it. */
  photo: File | null;
  dropPhoto(photo: File | null): void;
}

/** `usePredict((p) => p.weights)`; check `weights.loadId` against the open document's. */
export const usePredict = create<PredictState>()((set) => ({
  weights: null,
  setWeights: (weights) => set({ weights }),
  photo: null,
  dropPhoto: (photo) => set({ photo }),
}));
