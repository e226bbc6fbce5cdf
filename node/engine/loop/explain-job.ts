/**
 * The trainer's `explain` job: a run's saved model opened with its document (`runs.explain`; so
 * each layer names its node), or a document with a weights file (`explain`), one image — a file's
 * bytes or a validation sample — and the explanation with the image as the network saw it, ready
 * to send to the renderer.
 */
import type { Explanation } from '../../../shared/api';
import { pickBackend } from '../backend/choose';
import { pngDataUrl } from '../data/preview';
import { explainImage, imagePixels, openExplainer, openWeightsExplainer, validationSamples } from './explain';
import type { ExplainReply, TrainerRequest } from '../protocol/messages';

/** `await explainJob({ type: 'explain', dir, weights: 'final', image: { sample: 3 }, maps: ['C1'] })`. */
export async function explainJob(request: Extract<TrainerRequest, { type: 'explain' }>): Promise<ExplainReply> {
  const backend = await pickBackend();
  if (request.file !== undefined && !request.doc) throw new Error('Looking inside with a weights file needs the document the weights are for.');
  if (request.file === undefined && request.dir === undefined) throw new Error('An explain request names a run folder (dir) or a weights file (file).');
  const ex = request.file !== undefined ? await openWeightsExplainer(request.doc!, request.file, request.weights) : await openExplainer(request.dir!, request.doc);
  try {
    const { meta } = ex;
    const { pixels, label } =
      'base64' in request.image
        ? { pixels: await imagePixels(ex, Buffer.from(request.image.base64, 'base64')), label: undefined }
        : (await validationSamples(meta, [request.image.sample], request.cacheDir))[0]!;
    const e = await explainImage(ex, pixels, { maps: request.maps, filters: request.filters, gradcam: request.gradcam });
    const gradcam = e.gradcam && { layer: e.gradcam.layer, class: e.gradcam.class, png: e.gradcam.png, width: e.gradcam.width, height: e.gradcam.height, peak: e.gradcam.peak };
    const explanation: Explanation = {
      weights: request.weights,
      epoch: meta.epoch,
      backend,
      classNames: meta.classNames,
      input: await pngDataUrl(pixels, meta.inputShape),
      ...(label !== undefined ? { label } : {}),
      predicted: e.predicted,
      output: e.output,
      layers: e.layers,
      blocks: e.blocks,
      maps: e.maps,
      ...(e.filters ? { filters: e.filters } : {}),
      ...(gradcam ? { gradcam } : {}),
    };
    return { type: 'explain', explanation };
  } finally {
    ex.dispose();
  }
}
