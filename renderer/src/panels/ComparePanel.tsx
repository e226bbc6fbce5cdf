/**
 * The Compare tab: the lecture's closing charts measured here. Pick templates (and the open
 * document), batch sizes and the engine, and Run: a trainer process times each forward pass (the
 * API's `compare`; with PyTorch, the generated models in the torch engine's Python), and the tab
 * shows the table, accuracy against MACs (published ImageNet top-1, and the user's own runs on the
 * open document's dataset by their best validation accuracy) and forward time against batch
 * size, each exportable as SVG and PNG.
 */
import { memo, useState } from 'react';
import { COMPARE_MAX_BATCH, type Comparison, type ENGINES, type RequestOf } from '../../../shared/api';
import { accuracyChart, publishedPoints, timeChart, type AccuracyPoint } from '../../../shared/compare/charts';
import { inferGraph } from '../../../shared/infer';
import { api } from '../api/index';
import { useApp } from '../store/store';
import { ChartFigure } from '../ui/ChartFigure';
import { TemplatePicker } from '../ui/TemplatePicker';

type Engine = (typeof ENGINES)[number];

const MAX_OWN_RUNS = 12;

/** "1, 8" → [1, 8]; undefined when any part is not a batch size. */
export function parseBatches(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => Number(p.trim()));
  return parts.length > 0 && parts.every((n) => Number.isInteger(n) && n >= 1 && n <= COMPARE_MAX_BATCH) ? parts : undefined;
}

/** The user's finished runs on `dataset`: their best validation accuracy at their document's MACs. */
async function ownRuns(dataset: string): Promise<AccuracyPoint[]> {
  const { runs } = await api().call('runs.list', {});
  const mine = runs.filter((r) => r.dataset === dataset && r.epochs.length > 0).slice(0, MAX_OWN_RUNS);
  const points: AccuracyPoint[] = [];
  for (const r of mine) {
    const { doc } = await api().call('runs.get', { id: r.id });
    const { totals } = inferGraph(doc.graph, doc.blocks);
    points.push({ label: r.title ?? r.name, macs: totals.macs, params: totals.params, accuracy: 100 * Math.max(...r.epochs.map((e) => e.valAcc)), own: true });
  }
  return points;
}

const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;
const count = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)}G` : x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : `${(x / 1e3).toFixed(1)}K`);

function ComparePanelImpl() {
  const doc = useApp((s) => s.doc);
  const [picked, setPicked] = useState<string[]>(['resnet18', 'vgg16']);
  const [withDoc, setWithDoc] = useState(true);
  const [batchText, setBatchText] = useState('1, 2, 4, 8, 16');
  const [engine, setEngine] = useState<Engine>('tfjs');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<{ comparison: Comparison; own: AccuracyPoint[]; dataset: string }>();
  const batches = parseBatches(batchText);

  const run = async () => {
    if (!batches) return;
    setBusy(true);
    setError(undefined);
    try {
      const docs: RequestOf<'compare'>['docs'] = [];
      if (withDoc) docs.push({ name: doc.name, doc });
      for (const id of picked) docs.push({ name: id, template: id, doc: (await api().call('templates.get', { id })).doc });
      const [comparison, own] = await Promise.all([api().call('compare', { docs, batches, engine }), ownRuns(doc.training.dataset)]);
      setResult({ comparison, own, dataset: doc.training.dataset });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const c = result?.comparison;
  return (
    <section className="compare" aria-label="Compare">
      <div className="compare__controls">
        <label>
          <input type="checkbox" checked={withDoc} onChange={(e) => setWithDoc(e.target.checked)} /> {doc.name} (open document)
        </label>
        <TemplatePicker value={picked} onChange={setPicked} />
        <label>
          Batch sizes <input aria-label="Batch sizes" value={batchText} onChange={(e) => setBatchText(e.target.value)} aria-invalid={!batches} />
        </label>
        <label>
          Engine{' '}
          <select aria-label="Engine" value={engine} onChange={(e) => setEngine(e.target.value as Engine)}>
            <option value="tfjs">TensorFlow.js</option>
            <option value="torch">PyTorch</option>
          </select>
        </label>
        <button type="button" disabled={busy || !batches || (!withDoc && picked.length === 0)} onClick={() => void run()}>
          {busy ? 'Measuring…' : 'Run'}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {c && result && (
        <>
          <table className="compare__table">
            <caption>
              Forward time per image, {c.engine} engine on {c.backend} (median of {c.repeats} after a warm-up)
            </caption>
            <thead>
              <tr>
                <th>Network</th>
                <th>Params</th>
                <th>MACs</th>
                <th>Activations</th>
                <th>Top-1 (ImageNet)</th>
                {c.rows[0]?.times.map((t) => <th key={t.batch}>batch {t.batch}</th>)}
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>{count(r.params)}</td>
                  <td>{count(r.macs)}</td>
                  <td>{(r.activationBytes / 2 ** 20).toFixed(1)} MiB</td>
                  <td title={r.accuracy?.source}>{r.accuracy?.top1 !== undefined ? `${r.accuracy.top1}%` : '—'}</td>
                  {r.times.map((t) => (
                    <td key={t.batch} title={t.skipped}>
                      {t.secondsPerImage !== undefined ? ms(t.secondsPerImage) : 'skipped'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="compare__charts">
            <ChartFigure name="accuracy-vs-macs" svg={accuracyChart([...publishedPoints(c), ...result.own], `Top-1 against MACs (ImageNet; your runs on ${result.dataset} as diamonds)`)} />
            <ChartFigure name="time-vs-batch" svg={timeChart(c)} />
          </div>
        </>
      )}
    </section>
  );
}

export const ComparePanel = memo(ComparePanelImpl);
