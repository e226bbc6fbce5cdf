/**
 * File → Export: the network as PyTorch, Keras or TensorFlow.js code, as JSON, as an ONNX model
 * with fresh or a run's weights (onnx.tsx), or as an SVG or PNG figure (in rows or in one
 * column), with a live preview (code highlighted), Copy and Save (the desktop app's Save dialog;
 * in the browser a save picker or a download). "PyTorch training
 * project…" previews its train.py and saves the whole project as a zip the service builds (its
 * data included), or, when that data is over 64 MiB, says which CLI command writes it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { exportDocument, toPyTorchTrainingScript, type ExportTarget } from '../../../shared/codegen/index';
import { toSvg, type FigureLayout } from '../../../shared/figure/svg';
import { projectZip, saveExport } from '../files/fileAccess';
import { useApp } from '../store/store';
import { useUi } from '../store/ui';
import { svgToPng } from '../ui/download';
import { useProvidedCommand } from '../ui/provided';
import { highlight } from './highlight';
import { onnxPreview, OnnxWeightsSelect, saveOnnx, useOnnxWeights } from './onnx';

type Format = ExportTarget | 'svg' | 'png' | 'onnx' | 'pytorch-project';
const FORMATS: [Format, string][] = [
  ['pytorch', 'PyTorch'],
  ['keras', 'Keras'],
  ['tfjs', 'TensorFlow.js'],
  ['json', 'JSON'],
  ['svg', 'SVG figure'],
  ['png', 'PNG figure'],
  ['onnx', 'ONNX model'],
  ['pytorch-project', 'PyTorch training project…'],
];

const LAYOUTS: [FigureLayout, string][] = [
  ['rows', 'Rows'],
  ['column', 'Column'],
];

/** A select's options from `[value, title]` pairs. */
const options = (list: readonly (readonly [string, string])[]) =>
  list.map(([value, title]) => (
    <option key={value} value={value}>
      {title}
    </option>
  ));

type Result = { filename: string; text: string; figure?: boolean; project?: boolean } | { error: string };

function render(doc: ReturnType<typeof useApp.getState>['doc'], format: Format, legend: boolean, layout: FigureLayout, only?: Set<string>): Result {
  const base = doc.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'network';
  try {
    if (format === 'svg' || format === 'png') return { filename: `${base}.${format}`, text: toSvg(doc, { legend, only, layout }), figure: true };
    if (format === 'onnx') return onnxPreview(doc);
    if (format === 'pytorch-project') return { filename: 'train.py', text: toPyTorchTrainingScript(doc), project: true };
    return exportDocument(doc, format);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The Export button of the toolbar and the dialog it opens. */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  useProvidedCommand('export', () => setOpen(true));
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const doc = useApp((s) => s.doc);
  const selected = useApp((s) => s.selection.nodes);
  const [format, setFormat] = useState<Format>('pytorch');
  const [legend, setLegend] = useState(true);
  const [layout, setLayout] = useState<FigureLayout>('rows');
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [copied, setCopied] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const only = selectionOnly && selected.length > 0 ? new Set(selected) : undefined;
  const onnx = useOnnxWeights(doc, format === 'onnx');
  const result = useMemo(() => render(doc, format, legend, layout, only), [doc, format, legend, layout, only?.size]); // eslint-disable-line react-hooks/exhaustive-deps
  const runs = useMemo(() => ('text' in result && !result.figure ? highlight(result.text) : []), [result]);

  const save = async () => {
    if (!('text' in result)) return;
    if (format === 'onnx') return saveOnnx(doc, onnx.choice);
    if (result.project) return saveProject(doc);
    try {
      const blob = format === 'png' ? await svgToPng(result.text) : new Blob([result.text], { type: result.figure ? 'image/svg+xml' : 'text/plain' });
      const saved = await saveExport(result.filename, blob);
      if (saved) useUi.getState().showToast(saved);
    } catch (e) {
      useApp.getState().showAlert({ source: 'app', message: `Could not save ${result.filename}: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  const copy = async () => {
    if (!('text' in result)) return;
    await navigator.clipboard.writeText(result.text).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="export" role="dialog" aria-modal="true" aria-labelledby="export-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <div className="export__head">
          <h2 id="export-title" className="panel-title">
            Export
          </h2>
          <label>
            Format{' '}
            <select ref={first} aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {options(FORMATS)}
            </select>
          </label>
          {format === 'pytorch-project' && <span className="muted">A zip: this train.py, model.py, the data, requirements.txt, a README with torchrun's commands and a Slurm script</span>}
          {format === 'onnx' && <OnnxWeightsSelect {...onnx} />}
          {(format === 'svg' || format === 'png') && (
            <>
              <label>
                Layout{' '}
                <select aria-label="Layout" value={layout} onChange={(e) => setLayout(e.target.value as FigureLayout)}>
                  {options(LAYOUTS)}
                </select>
              </label>
              <label>
                <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} /> Legend
              </label>
              <label>
                <input type="checkbox" checked={selectionOnly} disabled={selected.length === 0} onChange={(e) => setSelectionOnly(e.target.checked)} /> Selection only
              </label>
            </>
          )}
          <span className="export__spacer" />
          <button type="button" className="button" onClick={() => void copy()} disabled={!('text' in result) || format === 'onnx'}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="button button--primary" onClick={() => void save()} disabled={!('text' in result)}>
            Save
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
        {'error' in result ? (
          <p role="alert" className="export__error">
            {result.error}
          </p>
        ) : result.figure ? (
          <div className="export__figure" aria-label="Figure preview">
            <img alt={`${doc.name} figure`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.text)}`} />
          </div>
        ) : (
          <pre className="export__code" aria-label="Code preview">
            {runs.map(([kind, text], i) => (kind === 'plain' ? text : <span key={i} className={`tok-${kind}`}>{text}</span>))}
          </pre>
        )}
      </div>
    </div>
  );
}

/** Save the training project as the zip the service builds; a project whose data is too large to send is written by the CLI. */
async function saveProject(doc: ReturnType<typeof useApp.getState>['doc']) {
  try {
    const zip = await projectZip(doc);
    if ('bytes' in zip) {
      const mib = (zip.bytes / 2 ** 20).toFixed(0);
      useApp.getState().showAlert({ source: 'app', message: `The project's data is ${mib} MiB, too large to save from here: save the document, then run netwright export FILE --to pytorch-project -o DIR.` });
      return;
    }
    const saved = await saveExport(zip.name, zip.blob);
    if (saved) useUi.getState().showToast(saved);
  } catch (e) {
    useApp.getState().showAlert({ source: 'app', message: `Could not export the training project: ${e instanceof Error ? e.message : String(e)}` });
  }
}
