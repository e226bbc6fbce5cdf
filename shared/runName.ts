/**
 * A run's default name: the document's name, then what differs from the previous run, so that
 * a list of runs reads as the experiments they were — "LeNet-5 · Adam lr 0.001", then
 * "LeNet-5 · batch 64", "LeNet-5 · network changed (2 layers)". The user may rename it.
 */
import { diffDocuments, sameValue } from './graph/diff';
import type { NetwrightDocument, Training } from './graph/schema';

/** What a run was: its document and settings as recorded, and the engine that trained it. */
export interface RunSetup {
  doc: NetwrightDocument;
  settings: Partial<Training> & { limit?: number };
  engine?: string;
}

const OPTIMIZER_NAMES: Record<string, string> = { sgd: 'SGD', adam: 'Adam', rmsprop: 'RMSprop' };

/** `optimizerText({ optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 })` → `SGD lr 0.05 momentum 0.9`. */
export function optimizerText(s: Partial<Training>): string {
  const name = OPTIMIZER_NAMES[s.optimizer ?? ''] ?? s.optimizer ?? '';
  const momentum = s.optimizer === 'sgd' && s.momentum ? ` momentum ${s.momentum}` : '';
  return `${name} lr ${s.learningRate}${momentum}`;
}

/** Each setting in words, as the name shows it when it changed. */
const SETTING_TEXT: { keys: (keyof RunSetup['settings'])[]; text: (s: RunSetup['settings']) => string }[] = [
  { keys: ['optimizer', 'learningRate', 'momentum'], text: optimizerText },
  { keys: ['dataset'], text: (s) => `on ${s.dataset}` },
  { keys: ['batchSize'], text: (s) => `batch ${s.batchSize}` },
  { keys: ['epochs'], text: (s) => `${s.epochs} epoch${s.epochs === 1 ? '' : 's'}` },
  { keys: ['schedule'], text: (s) => `${s.schedule?.kind ?? 'no'} schedule` },
  { keys: ['weightDecay'], text: (s) => `weight decay ${s.weightDecay}` },
  { keys: ['normalization'], text: (s) => `${s.normalization}d inputs` },
  { keys: ['augmentation'], text: (s) => augmentationText(s.augmentation) },
  { keys: ['validationSplit'], text: (s) => `validation ${Math.round(100 * (s.validationSplit ?? 0))} %` },
  { keys: ['limit'], text: (s) => (s.limit ? `first ${s.limit} samples` : 'all samples') },
  { keys: ['seed'], text: (s) => `seed ${s.seed}` },
];

function augmentationText(a: Training['augmentation'] | undefined): string {
  const parts = [a?.flip ? 'flip' : '', a?.crop ? `crop ${a.crop}` : ''].filter(Boolean);
  return parts.length ? `augmented (${parts.join(', ')})` : 'no augmentation';
}

/**
 * `defaultRunName(run, previous)`: against no previous run, or one of another document, the
 * optimizer and learning rate; else each difference, architecture first; a run repeated as it
 * was says so.
 */
export function defaultRunName(run: RunSetup, previous?: RunSetup): string {
  const name = run.doc.name || 'Untitled';
  if (!previous || previous.doc.name !== run.doc.name) return `${name} · ${optimizerText(run.settings)}`;
  const parts: string[] = [];
  const diff = diffDocuments(previous.doc, run.doc);
  const layers = diff.graph.added.length + diff.graph.removed.length + diff.graph.changed.length + diff.blocks.length;
  const wires = diff.graph.rewired.added.length + diff.graph.rewired.removed.length;
  if (layers > 0) parts.push(`network changed (${layers} layer${layers === 1 ? '' : 's'})`);
  else if (wires > 0) parts.push('network rewired');
  if ((run.engine ?? 'tfjs') !== (previous.engine ?? 'tfjs')) parts.push(`${run.engine ?? 'tfjs'} engine`);
  for (const { keys, text } of SETTING_TEXT) {
    if (keys.some((k) => !sameValue(run.settings[k], previous.settings[k]))) parts.push(text(run.settings));
  }
  return `${name} · ${parts.length ? parts.join(' · ') : 'again'}`;
}
