/**
 * The trainer's `explain` job (`runs.explain`): a run's saved model opened with its document (so
 * each layer names its node), one image — a file's bytes or a validation sample — and the
 * explanation with the image as the network saw it, ready to send to the renderer.
 */
import type { Explanation } from '../../../shared/api';
import { pickBackend } from '../backend/choose';
import { pngDataUrl } from '../data/preview';
import { explainImage, imagePixels, openExplainer, validationSamples } from './explain';
import type { ExplainReply, TrainerRequest } from '../protocol/messages';

/** `await explainJob({ type: 'explain', dir, weights: 'final', image: { sample: 3 }, maps: ['C1'] })`. */
export async function explainJob(request: Extract<TrainerRequest, { type: 'explain' }>): Promise<ExplainReply> {
  const backend = await pickBackend();
  const ex = await openExplainer(request.dir, request.doc);
  try {
    const { meta } = ex;
    const { pixels, label } =
      'base64' in request.image
        ? { pixels: await imagePixels(Buffer.from(request.image.base64, 'base64'), meta.inputShape), label: undefined }
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
