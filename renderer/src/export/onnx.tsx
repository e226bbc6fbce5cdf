/**
 * The Export dialog's ONNX model: which weights go in (fresh, as a run starts, an imported ONNX
 * model's, or a tfjs run's saved ones from the history), what the file will be, and saving it.
 * The service makes the file in a trainer process (`export.onnx`), since the weights come from
 * the engine.
 */
import { useEffect, useState } from 'react';
import type { RunSummary, RunWeights } from '../../../shared/api';
import { snakeCase } from '../../../shared/codegen/names';
import { checkedInference } from '../../../shared/codegen/plan';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { saveExport } from '../files/fileAccess';
import { usePredict } from '../store/predict';
import { useApp } from '../store/store';
import { useUi } from '../store/ui';

/** 'fresh', `imported:<id>`, or `<run id>:final` / `<run id>:best`. */
export type OnnxWeights = string;

/** The weights an imported ONNX model brought with it, while its document is the open one. */
function importedWeights(): { id: string; name: string } | undefined {
  const w = usePredict.getState().weights;
  return w && 'imported' in w && w.loadId === useApp.getState().loadId ? { id: w.imported, name: w.name } : undefined;
}

/** The weights to offer: fresh, an imported model's, then each saved tfjs model of a run of this document, newest first. */
function choices(runs: readonly RunSummary[], doc: NetwrightDocument, imported = importedWeights()): [OnnxWeights, string][] {
  const mine = runs.filter((r) => r.name === doc.name && (r.engine ?? 'tfjs') === 'tfjs');
  return [
    ['fresh', 'Fresh (as a run starts)'],
    ...(imported ? [[`imported:${imported.id}`, `Imported with the model (${imported.name})`] as [OnnxWeights, string]] : []),
    ...mine.flatMap((r) =>
      (['final', 'best'] as const).filter((w) => r.weights[w]).map((w): [OnnxWeights, string] => [`${r.id}:${w}`, `${r.title ?? r.name}, ${w === 'final' ? 'final' : "best epoch's"} weights`]),
    ),
  ];
}

/** The weights select's state: the runs are asked for once the ONNX format is chosen. */
export function useOnnxWeights(doc: NetwrightDocument, active: boolean) {
  const [runs, setRuns] = useState<readonly RunSummary[]>([]);
  // An imported model's own weights by default: what its user means to export.
  const [choice, setChoice] = useState<OnnxWeights>(() => {
    const imported = importedWeights();
    return imported ? `imported:${imported.id}` : 'fresh';
  });
  useEffect(() => {
    if (!active) return;
    let live = true;
    api()
      .call('runs.list', {})
      .then((r) => live && setRuns(r.runs))
      .catch(() => undefined); // without a history, fresh weights are still offered
    return () => {
      live = false;
    };
  }, [active]);
  return { choice, setChoice, options: choices(runs, doc) };
}

export function OnnxWeightsSelect({ choice, setChoice, options }: ReturnType<typeof useOnnxWeights>) {
  return (
    <label>
      Weights{' '}
      <select aria-label="Weights" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {options.map(([value, title]) => (
          <option key={value} value={value}>
            {title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the dialog shows for ONNX: the file and what is in it, or the graph's errors. */
export function onnxPreview(doc: NetwrightDocument): { filename: string; text: string } {
  checkedInference(doc);
  const text = [
    `An ONNX model (opset 13) of ${doc.name}, for onnxruntime, Netron and other ONNX tools.`,
    '',
    '- Images are NCHW: the input is N×C×H×W, N free.',
    '- Blocks are inlined: a block instance’s layers are named <instance>/<layer>.',
    '- The weights are those chosen above; the file’s doc_string says which.',
    '',
    'The engine makes the file when you press Save (a large network takes a while).',
  ].join('\n');
  return { filename: `${snakeCase(doc.name, 'model', false)}.onnx`, text };
}

/** Have the service make the file with the chosen weights, then save it as any export. */
export async function saveOnnx(doc: NetwrightDocument, choice: OnnxWeights): Promise<void> {
  const [head, tail] = choice.split(':') as [string, string | undefined];
  try {
    const from = head === 'imported' ? { imported: tail! } : tail ? { run: { id: head, weights: tail as RunWeights } } : {};
    const reply = await api().call('export.onnx', { doc, ...from });
    const bytes = Uint8Array.from(atob(reply.base64), (c) => c.charCodeAt(0));
    const saved = await saveExport(reply.filename, new Blob([bytes], { type: 'application/octet-stream' }));
    if (saved) useUi.getState().showToast(`${saved} (weights ${reply.from})`);
  } catch (e) {
    useApp.getState().showAlert({ source: 'app', message: `Could not export ONNX: ${e instanceof Error ? e.message : String(e)}` });
  }
}
