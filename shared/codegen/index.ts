/**
 * Exporting a document: as PyTorch, Keras or TensorFlow.js source, or as its JSON file. The
 * editor's export panel and `netwright export` both call `exportDocument`.
 */
import { saveDocument } from '../graph/load';
import type { NetwrightDocument } from '../graph/schema';
import { toKeras } from './keras';
import { snakeCase } from './names';
import { toPyTorch } from './pytorch';
import { toTfjs } from './tfjs';

export { ExportError } from './plan';
export { toKeras } from './keras';
export { toPyTorch } from './pytorch';
export { toPyTorchTrainingScript } from './pytorch-train';
export { toTfjs } from './tfjs';

export const EXPORT_TARGETS = ['pytorch', 'keras', 'tfjs', 'json'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const isExportTarget = (v: unknown): v is ExportTarget => (EXPORT_TARGETS as readonly unknown[]).includes(v);

export interface ExportedFile {
  /** A file name made from the document's name, e.g. `lenet_5.py`. */
  filename: string;
  text: string;
}

const writers: Record<ExportTarget, { suffix: string; write: (doc: NetwrightDocument) => string }> = {
  pytorch: { suffix: '.py', write: toPyTorch },
  keras: { suffix: '_keras.py', write: toKeras },
  tfjs: { suffix: '.ts', write: toTfjs },
  json: { suffix: '.netwright.json', write: saveDocument },
};

/**
 * The document in a target's form; code targets throw an ExportError when the graph has errors.
 * `exportDocument(lenet5(), 'pytorch')` → `{ filename: 'lenet_5.py', text: '"""LeNet-5 in PyTorch…' }`.
 */
export function exportDocument(doc: NetwrightDocument, to: ExportTarget): ExportedFile {
  const { suffix, write } = writers[to];
  return { filename: `${snakeCase(doc.name, 'model', false)}${suffix}`, text: write(doc) };
}
