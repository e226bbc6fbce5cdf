/**
 * The weights an ONNX export writes (shared/codegen/onnx): a tfjs model's, by node of the
 * document. The model is the document compiled afresh (its initial weights, seeded by the
 * document's training seed, as a run starts from), one saved by a run or `train --save`, or the
 * document compiled with a PyTorch state_dict's weights.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { toOnnx, type LayerWeights, type WeightsByNode, type WeightsSource } from '../../../shared/codegen/onnx/index';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { readWeights } from '../../../shared/weights/read';
import { compileDocument, layerNamesOf } from '../model/compile';
import { compileWithStateDict } from '../model/weights';
import { pickBackend } from '../backend/choose';
import type { OnnxReply, TrainerRequest } from '../protocol/messages';
import { loadModel } from './checkpoint';

/** Tensors of shape […, oᵢ] side by side along the last axis: a grouped convolution's towers as one kernel. */
function joinLastAxis(parts: readonly tf.LayerVariable[]): Float32Array {
  const data = parts.map((p) => p.read().dataSync() as Float32Array);
  const widths = parts.map((p) => p.shape.at(-1)!);
  const width = widths.reduce((a, b) => a + b, 0);
  const rows = data[0]!.length / widths[0]!;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let at = r * width;
    for (const [i, d] of data.entries()) {
      out.set(d.subarray(r * widths[i]!, (r + 1) * widths[i]!), at);
      at += widths[i]!;
    }
  }
  return out;
}

/**
 * Each node's weights in `model`, a tfjs model compiled from `doc` (or saved after training it):
 * its layer's, found by the name `compileDocument` gives it; a grouped convolution's towers
 * (`<name>_g0`, `<name>_g1`…) joined into one kernel.
 */
export function weightsByNode(doc: NetwrightDocument, model: tf.LayersModel): WeightsByNode {
  // "conv1/kernel" → ["conv1", "kernel"]; a layer's name has no "/".
  const byLayer = new Map<string, Map<string, tf.LayerVariable[]>>();
  for (const v of model.weights) {
    const cut = v.originalName.lastIndexOf('/');
    const [layer, key] = [v.originalName.slice(0, cut), v.originalName.slice(cut + 1)];
    const tower = /^(.*)_g\d+$/.exec(layer);
    const owner = byLayer.has(layer) || !tower ? layer : tower[1]!;
    let keys = byLayer.get(owner);
    if (!keys) byLayer.set(owner, (keys = new Map()));
    keys.set(key, [...(keys.get(key) ?? []), v]);
  }
  const out = new Map<string, LayerWeights>();
  for (const [id, layer] of layerNamesOf(doc)) {
    const keys = byLayer.get(layer);
    if (!keys) continue;
    out.set(id, Object.fromEntries([...keys].map(([key, parts]) => [key, parts.length === 1 ? (parts[0]!.read().dataSync() as Float32Array) : joinLastAxis(parts)])));
  }
  return out;
}

/** The document's initial weights: what a run of it starts from. */
export function freshWeights(doc: NetwrightDocument): WeightsSource {
  const model = compileDocument(doc);
  try {
    return { weights: weightsByNode(doc, model), from: `freshly initialised by the tfjs engine (Glorot uniform, seed ${doc.training.seed})` };
  } finally {
    model.dispose();
  }
}

/**
 * Weights from a file for the document: a folder a run or `train --save` wrote (model.json,
 * weights.bin, netwright.json) or its model.json, or a PyTorch state_dict (.pth, .pt) or
 * .safetensors file with the names the PyTorch export gives the layers (torchvision's, for the
 * templates), loaded strictly.
 */
export async function savedWeights(doc: NetwrightDocument, path: string): Promise<WeightsSource> {
  const isFile = existsSync(path) && statSync(path).isFile();
  if (isFile && basename(path) !== 'model.json') {
    const { model } = compileWithStateDict(doc, readWeights(new Uint8Array(await readFile(path)), path));
    try {
      return { weights: weightsByNode(doc, model), from: `loaded from the state_dict ${basename(path)}` };
    } finally {
      model.dispose();
    }
  }
  const dir = isFile ? dirname(path) : path;
  const { model, meta } = await loadModel(dir);
  try {
    const accuracy = meta.metrics ? `, validation accuracy ${(meta.metrics.valAcc * 100).toFixed(1)}%` : '';
    return { weights: weightsByNode(doc, model), from: `trained: ${meta.name}, epoch ${meta.epoch} on ${meta.dataset}${accuracy} (${dir})` };
  } finally {
    model.dispose();
  }
}

/** The largest file the `onnx` job sends back (as base64, a third more): what the app's save dialog takes. */
export const ONNX_SEND_LIMIT = 140 * 2 ** 20;

/** The document's ONNX file, with fresh weights or those `path` holds (see `savedWeights`), and where they came from. */
export async function onnxFile(doc: NetwrightDocument, path?: string): Promise<{ bytes: Uint8Array; from: string }> {
  await pickBackend();
  const source = path === undefined ? freshWeights(doc) : await savedWeights(doc, path);
  return { bytes: toOnnx(doc, source), from: source.from };
}

/** The trainer's `onnx` job (the Export dialog's): the file with fresh weights, or the saved model's in `dir`. */
export async function onnxJob(request: Extract<TrainerRequest, { type: 'onnx' }>): Promise<OnnxReply> {
  const { bytes, from } = await onnxFile(request.doc, request.dir);
  if (bytes.length > ONNX_SEND_LIMIT) {
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
    throw new Error(`${request.doc.name}'s ONNX file is ${mb(bytes.length)}, more than the app sends (${mb(ONNX_SEND_LIMIT)}): write it with \`netwright export <file> --to onnx -o FILE\`.`);
  }
  return { type: 'onnx', base64: Buffer.from(bytes).toString('base64'), from };
}
