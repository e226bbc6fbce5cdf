/**
 * The Experiment tab: pick networks (the open document, templates, document files) and one set
 * of training settings, and Start: the service trains them one after another as runs of the
 * history tagged with the experiment (`experiment.start`). The tab shows which network is
 * training and a bar for the whole, Cancel, a table of results, and every network's training
 * (thin, dashed) and validation (bold) curves overlaid in one chart, saved as SVG or PNG. A
 * preset card starts the Degradation experiment of He et al. in one click.
 */
import { memo, useEffect, useState, type InputHTMLAttributes } from 'react';
import { experimentChart, type ExperimentMetric } from '../../../shared/experiment/chart';
import { loadDocument } from '../../../shared/graph/load';
import { OPTIMIZERS, type NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api/index';
import { useApp } from '../store/store';
import { ChartFigure } from '../ui/ChartFigure';
import { TemplatePicker } from '../ui/TemplatePicker';
import { ExperimentResults } from './ExperimentResults';
import { experimentRequest, type ExperimentFields as Fields, type ExperimentNetwork as Network } from './request';
import { cancelExperiment, listenToExperiments, loadPresets, overlayInRuns, startExperiment, useExperiment } from './store';

function PresetCards({ busy }: { busy: boolean }) {
  const presets = useExperiment((s) => s.presets);
  if (!presets) return null;
  const run = async (id: string) => {
    const preset = presets.find((p) => p.id === id)!;
    const networks: Network[] = [];
    for (const t of preset.templates) networks.push({ name: t, template: t, doc: (await api().call('templates.get', { id: t })).doc });
    await startExperiment({ name: preset.title, networks, training: preset.training, ...(preset.limit ? { limit: preset.limit } : {}) });
  };
  return (
    <div className="experiment__presets">
      {presets.map((p) => (
        <article key={p.id} className="experiment__preset" aria-label={p.title}>
          <h3>{p.title}</h3>
          <p>
            {p.templates.join(', ')} on {p.datasetTitle}, {p.training.epochs} epochs.
          </p>
          <p>{p.observed}</p>
          <p className="muted">{p.paper}</p>
          {p.substitute ? <p className="experiment__substitute">{p.substitute}</p> : null}
          <button type="button" className="button" disabled={busy} onClick={() => void run(p.id)}>
            Run {p.title}
          </button>
        </article>
      ))}
    </div>
  );
}

function ExperimentPanelImpl() {
  const doc = useApp((s) => s.doc);
  const experiment = useExperiment((s) => s.experiment);
  const progress = useExperiment((s) => s.progress);
  const starting = useExperiment((s) => s.starting);
  const error = useExperiment((s) => s.error);
  const [withDoc, setWithDoc] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const [files, setFiles] = useState<{ name: string; doc: NetwrightDocument }[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [metric, setMetric] = useState<ExperimentMetric>('error');
  const t = doc.training;
  const [fields, setFields] = useState<Fields>({ name: 'Experiment', dataset: t.dataset, epochs: String(t.epochs), batchSize: String(t.batchSize), learningRate: String(t.learningRate), optimizer: t.optimizer, seed: String(t.seed), limit: '' });
  useEffect(() => {
    listenToExperiments();
    void loadPresets();
  }, []);
  const running = experiment?.status === 'running';
  const busy = starting || running;

  const field = (key: keyof Fields, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label} <input aria-label={label} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} {...props} />
    </label>
  );

  const addFiles = async (list: FileList | null) => {
    setFileError(undefined);
    for (const file of list ? [...list] : []) {
      const loaded = loadDocument(await file.text());
      if (loaded.ok) setFiles((f) => [...f, { name: file.name.replace(/\.netwright\.json$|\.json$/i, ''), doc: loaded.doc }]);
      else setFileError(`${file.name}: ${loaded.error.message}`);
    }
  };

  const start = async () => {
    const networks: Network[] = [...(withDoc ? [{ name: doc.name || 'Untitled', doc }] : []), ...files];
    for (const id of picked) networks.push({ name: id, template: id, doc: (await api().call('templates.get', { id })).doc });
    const made = experimentRequest(fields, networks);
    if ('problem' in made) useExperiment.setState({ error: made.problem });
    else await startExperiment(made.request);
  };

  const count = (withDoc ? 1 : 0) + picked.length + files.length;
  return (
    <section className="experiment" aria-label="Experiment">
      <div className="experiment__setup">
        <fieldset className="experiment__networks">
          <legend>Networks</legend>
          <label>
            <input type="checkbox" checked={withDoc} onChange={(e) => setWithDoc(e.target.checked)} /> {doc.name || 'Untitled'} (open document)
          </label>
          <TemplatePicker value={picked} onChange={setPicked} />
          <label>
            Files <input type="file" aria-label="Add document files" accept=".json" multiple onChange={(e) => void addFiles(e.target.files)} />
          </label>
          {files.map((f, i) => (
            <span key={`${f.name}-${i}`} className="experiment__file">
              {f.name}{' '}
              <button type="button" className="button button--small" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, k) => k !== i))}>
                ×
              </button>
            </span>
          ))}
          {fileError ? <p role="alert">{fileError}</p> : null}
        </fieldset>
        <fieldset className="experiment__settings">
          <legend>Settings for every network</legend>
          {field('name', 'Name')}
          {field('dataset', 'Dataset')}
          {field('epochs', 'Epochs', { inputMode: 'numeric' })}
          {field('batchSize', 'Batch size', { inputMode: 'numeric' })}
          {field('learningRate', 'Learning rate', { inputMode: 'decimal' })}
          <label>
            Optimizer{' '}
            <select aria-label="Optimizer" value={fields.optimizer} onChange={(e) => setFields({ ...fields, optimizer: e.target.value })}>
              {OPTIMIZERS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
          {field('seed', 'Seed', { inputMode: 'numeric' })}
          {field('limit', 'Training samples (blank: all)', { inputMode: 'numeric' })}
          <p className="muted">The rest (split, momentum, schedule, augmentation) is the first network's.</p>
        </fieldset>
        <div className="experiment__controls">
          <button type="button" className="button" disabled={busy || count === 0} onClick={() => void start()}>
            {starting ? 'Starting…' : 'Start'}
          </button>
          <button type="button" className="button" disabled={!running} onClick={() => void cancelExperiment()}>
            Cancel
          </button>
        </div>
      </div>
      <PresetCards busy={busy} />
      {error ? <p role="alert">{error}</p> : null}
      {experiment ? (
        <>
          {running ? (
            <div className="experiment__progress" role="status">
              {progress
                ? `Network ${progress.index + 1} of ${progress.count}: ${experiment.networks[progress.index]?.name} · epoch ${progress.epoch}/${progress.epochs}`
                : `Starting ${experiment.networks.find((n) => n.status === 'running')?.name ?? experiment.networks[0]?.name}…`}
              <progress aria-label="Experiment progress" max={1} value={progress?.fraction ?? 0} />
            </div>
          ) : null}
          <ExperimentResults experiment={experiment} />
          <button type="button" className="button" disabled={!experiment.networks.some((n) => n.runId)} onClick={() => overlayInRuns(experiment)}>
            Overlay in Runs
          </button>{' '}
          <label>
            Curves{' '}
            <select aria-label="Curves" value={metric} onChange={(e) => setMetric(e.target.value as ExperimentMetric)}>
              <option value="error">error (1 − accuracy)</option>
              <option value="loss">loss</option>
            </select>
          </label>
          <ChartFigure name="experiment-curves" svg={experimentChart(experiment.networks.map((n) => ({ label: n.name, epochs: n.epochs })), { metric, title: `${experiment.name} · ${experiment.datasetTitle}` })} />
        </>
      ) : null}
    </section>
  );
}

export const ExperimentPanel = memo(ExperimentPanelImpl);
