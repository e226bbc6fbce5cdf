/**
 * `netwright explain <model dir> --image IMG | --sample N [--layer NAME] [--gradcam [CLASS]]
 * [--filters] [--doc FILE|TEMPLATE] [-o out.png] [--backend B] [--json]`: look inside a saved model
 * (either engine's; a torch run's needs `--doc`) for one image — each layer's per-channel
 * activation statistics, and as a PNG the chosen layer's maps, its filters, or Grad-CAM's heat map
 * over the image (engine/loop/explain.ts). With the document it was trained from, each layer
 * names its node and each block instance its output layer; `--layer` may then name an instance by
 * its label. `netwright explain <file|template> --weights FILE|imagenet --image IMG …` does the
 * same for a document with a weights file (a state_dict or safetensors), as `predict` reads it.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BACKENDS } from '../../shared/api';
import { pickBackend } from '../engine/backend/choose';
import { explainImage, imagePixels, lastConvolution, openExplainer, openWeightsExplainer, validationSamples, type Explainer, type ExplainOptions } from '../engine/loop/explain';
import { defaultDataDir } from '../paths';
import { imagenetWeights } from './predict';
import { intFlag, takeOutput, UsageError, type Parsed } from './args';
import { openDocument } from './documents';
import { InvalidModel } from './evaluate';

export const EXPLAIN_FLAGS = ['image', 'sample', 'layer', 'gradcam', 'filters', 'doc', 'weights', 'output', 'backend', 'json'];

interface ExplainArgs {
  /** The model folder, or with --weights the document's file or template. */
  dir: string;
  out?: string;
  /** The class Grad-CAM explains, when given after --gradcam. */
  gradcamClass?: number;
}

/** The model folder, `-o FILE` and the class after `--gradcam` (a switch, so its number is left among the positionals). */
function explainArgs(positional: readonly string[], flags: Parsed['flags']): ExplainArgs {
  const { rest, out } = takeOutput(positional, flags);
  let gradcamClass: number | undefined;
  if (flags.gradcam === true && rest.length === 2 && /^\d+$/.test(rest[1]!)) gradcamClass = Number(rest.pop());
  if (rest.length !== 1) throw new UsageError(flags.weights === undefined ? 'explain takes one model folder (and a class number after --gradcam)' : 'explain --weights takes one document file or template (and a class number after --gradcam)');
  return { dir: flags.weights === undefined ? resolve(rest[0]!) : rest[0]!, out, gradcamClass };
}

/** The first layer with maps: what `-o` draws when no --layer is named. */
const firstWithMaps = (ex: Explainer) => ex.layers.find((l) => (l.outputShape as number[]).length === 4)?.name;

/** Resolves to the exit code: 0 when explained, 1 for a folder without a model, 3 when it failed. */
export async function explainCommand(positional: readonly string[], flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const args = explainArgs(positional, flags);
  if (flags.weights === true) throw new UsageError('--weights needs a FILE (.pth, .pt or .safetensors) or imagenet');
  const withWeights = typeof flags.weights === 'string';
  if (withWeights && flags.doc !== undefined) throw new UsageError('explain --weights takes the document as its argument, not --doc');
  if (withWeights && flags.sample !== undefined) throw new UsageError('explain --weights has no dataset to take a sample from: give --image IMG');
  if (!withWeights && (!existsSync(join(args.dir, 'netwright.json')) || !['model.json', 'model.pt'].some((f) => existsSync(join(args.dir, f))))) {
    throw new InvalidModel(`${args.dir} holds no saved model (netwright.json with model.json or a torch run's model.pt, as \`netwright train --save DIR\` writes them).`);
  }
  const image = typeof flags.image === 'string' ? resolve(flags.image) : undefined;
  const sample = intFlag(flags, 'sample', 0, 10_000_000);
  if ((image === undefined) === (sample === undefined)) throw new UsageError('explain needs --image IMG or --sample N (a validation sample of the dataset the model was trained on)');
  if (image !== undefined && !existsSync(image)) throw new InvalidModel(`${image} does not exist.`);
  const named = flags.layer === undefined ? undefined : typeof flags.layer === 'string' ? flags.layer : '';
  if (named === '') throw new UsageError('--layer needs a layer name');
  if (flags.doc === true) throw new UsageError('--doc needs the file or template the model was trained from');
  const doc = withWeights ? await openDocument(args.dir) : typeof flags.doc === 'string' ? await openDocument(flags.doc) : undefined;
  const weights = withWeights ? (flags.weights === 'imagenet' ? imagenetWeights(doc!) : resolve(flags.weights as string)) : undefined;
  if (weights !== undefined && !existsSync(weights)) throw new InvalidModel(`${weights} does not exist.`);
  if (flags.gradcam === true && flags.filters === true) throw new UsageError('--gradcam and --filters draw different pictures: pick one');
  const backend = flags.backend;
  if (backend !== undefined && (backend === true || !(BACKENDS as readonly string[]).includes(backend))) throw new UsageError(`--backend must be one of: ${BACKENDS.join(', ')}`);
  try {
    const chosen = await pickBackend(typeof backend === 'string' ? backend : undefined);
    const ex = weights !== undefined ? await openWeightsExplainer(doc!, weights) : await openExplainer(args.dir, doc);
    try {
      // A block instance by its label is its output layer.
      const layer = ex.blocks.find((b) => b.label === named && !ex.layers.some((l) => l.name === named))?.layer ?? named;
      const { pixels, label } = image ? { pixels: await imagePixels(ex, image), label: undefined } : (await validationSamples(ex.meta, [sample!], resolve(defaultDataDir(), 'cache')))[0]!;
      const options: ExplainOptions = {};
      if (flags.gradcam === true) options.gradcam = { ...(layer ? { layer } : {}), ...(args.gradcamClass !== undefined ? { class: args.gradcamClass } : {}) };
      else if (flags.filters === true) options.filters = layer ?? ex.model.layers.find((l) => l.weights[0]?.shape.length === 4)?.name ?? lastConvolution(ex);
      else if (args.out !== undefined || layer !== undefined) options.maps = [layer ?? firstWithMaps(ex) ?? ex.layers[0]!.name];
      const e = await explainImage(ex, pixels, options);
      const picture = e.gradcam ?? e.filters?.grid ?? e.maps[0]?.grid;
      if (args.out !== undefined) {
        if (!picture) throw new Error(`${options.maps?.[0]}'s output has no maps to draw (its shape is ${JSON.stringify(e.layers.find((l) => l.name === options.maps?.[0])?.shape)}).`);
        await writeFile(args.out, Buffer.from(picture.png.split(',')[1]!, 'base64'));
      }
      const className = (k: number) => ex.meta.classNames[k] ?? `class ${k}`;
      if (flags.json === true) {
        const gradcam = e.gradcam && { layer: e.gradcam.layer, class: e.gradcam.class, className: className(e.gradcam.class), peak: e.gradcam.peak };
        const drawn = e.filters ? { filters: e.filters.layer } : e.maps[0] ? { maps: e.maps[0].layer } : {};
        const blocks = doc ? { blocks: e.blocks } : {};
        out.write(JSON.stringify({ model: args.dir, ...(weights !== undefined ? { weights } : {}), image: image ?? { sample, label }, backend: chosen, predicted: e.predicted, className: className(e.predicted), output: e.output, layers: e.layers, ...blocks, ...(gradcam ? { gradcam } : {}), ...drawn, ...(args.out ? { written: args.out } : {}) }) + '\n');
        return 0;
      }
      out.write(`${ex.meta.name} ${weights !== undefined ? `with ${weights}` : `(epoch ${ex.meta.epoch})`} on ${image ?? `validation sample ${sample} (label ${className(label!)})`} · backend ${chosen}\n`);
      out.write(`predicted ${className(e.predicted)} (${e.output[e.predicted]!.toFixed(4)})\n`);
      const width = Math.max(...e.layers.map((l) => l.name.length));
      for (const l of e.layers) {
        const channels = l.mean.length;
        out.write(`  ${l.name.padEnd(width)}  ${l.shape.join('×').padEnd(12)} ${String(channels).padStart(5)} channels  mean ${(l.mean.reduce((a, b) => a + b, 0) / channels).toFixed(4).padStart(9)}  max ${Math.max(...l.max).toFixed(4).padStart(9)}\n`);
      }
      for (const b of e.blocks) out.write(`  block ${b.label}: its output is ${b.layer}\n`);
      if (e.gradcam) out.write(`Grad-CAM on ${e.gradcam.layer} for ${className(e.gradcam.class)}: hottest at row ${e.gradcam.peak[0]}, column ${e.gradcam.peak[1]}\n`);
      if (args.out !== undefined) out.write(`${args.out}: ${e.gradcam ? 'Grad-CAM over the image' : e.filters ? `${e.filters.layer}'s filters (${e.filters.grid.count} tiles)` : `${e.maps[0]!.layer}'s ${e.maps[0]!.grid.count} maps`}\n`);
      return 0;
    } finally {
      ex.dispose();
    }
  } catch (e) {
    process.stderr.write(`Explaining failed: ${(e as Error).message}\n`);
    return 3;
  }
}
