/**
 * The trainer's `predict` job (the API's `predict`): pretrained weights — a file the parent wrote
 * from the renderer's bytes, or a run's saved model — and a photo as base64, answered as
 * `netwright predict --json` answers, on the fastest backend, away from the service and the UI.
 */
import { pickBackend } from '../backend/choose';
import { predictPhoto } from './predict';
import type { PredictReply, TrainerRequest } from '../protocol/messages';

/** `await predictJob({ type: 'predict', doc, weights: '/tmp/…/resnet18.pth', name: 'resnet18.pth', image: base64 })`. */
export async function predictJob(request: Extract<TrainerRequest, { type: 'predict' }>): Promise<PredictReply> {
  await pickBackend();
  const prediction = await predictPhoto(request.doc, {
    weights: request.weights,
    ...(request.name ? { name: request.name } : {}),
    image: new Uint8Array(Buffer.from(request.image, 'base64')),
    top: request.top,
    partial: request.partial,
  });
  return { type: 'predict', prediction };
}
