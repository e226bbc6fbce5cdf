/**
 * The Experiment tab's fields as an `experiment.start` request, checked by the API's own schema,
 * so the tab refuses what the service would, in one line naming the field.
 * `experimentRequest({ …, epochs: '0' }, networks)` → `{ problem: 'epochs: Too small: expected number to be >=1' }`.
 */
import { EXPERIMENT_MAX_NETWORKS, methods, type RequestOf } from '../../../shared/api';

export type ExperimentNetwork = RequestOf<'experiment.start'>['networks'][number];

/** The settings as typed, one string per field. */
export interface ExperimentFields {
  name: string;
  dataset: string;
  epochs: string;
  batchSize: string;
  learningRate: string;
  optimizer: string;
  seed: string;
  /** Training samples; blank: all. */
  limit: string;
}

const numberOr = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The request the fields make, or the first problem in words. */
export function experimentRequest(fields: ExperimentFields, networks: ExperimentNetwork[]): { request: RequestOf<'experiment.start'> } | { problem: string } {
  const request = {
    name: fields.name,
    networks,
    training: { dataset: fields.dataset, epochs: numberOr(fields.epochs), batchSize: numberOr(fields.batchSize), learningRate: numberOr(fields.learningRate), optimizer: fields.optimizer, seed: numberOr(fields.seed) },
    ...(fields.limit.trim() ? { limit: Number(fields.limit) } : {}),
  };
  const parsed = methods['experiment.start'].request.safeParse(request);
  if (parsed.success) return { request: request as RequestOf<'experiment.start'> };
  const issue = parsed.error.issues[0]!;
  return { problem: issue.path[0] === 'networks' ? `Pick 1 to ${EXPERIMENT_MAX_NETWORKS} networks.` : `${String(issue.path.at(-1) ?? 'settings')}: ${issue.message}` };
}
