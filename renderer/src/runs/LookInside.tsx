/**
 * "Look inside" a run's saved weights for one image — a validation sample or a dropped or chosen
 * file — or the open document with weights loaded in the Predict section (a photo only): every layer's activation maps (one tile per channel, hover for its index, mean and
 * maximum), a block instance's output and, opened, its inner layers', a convolution's filters,
 * and Grad-CAM over the image for the predicted class or a chosen one. The maps also go to the
 * canvas (store/look.ts), whose nodes show a strip of them on hover. The work is `runs.explain`
 * (or `explain` for loaded weights) in a trainer process; the window only shows PNGs.
 */
import { memo, useId, useState, type DragEvent, type MouseEvent } from 'react';
import type { Explanation, RunWeights, WeightsRef } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { useLook } from '../store/look';
import { useApp } from '../store/store';
import { channelCaption, fileBase64, layerChoices, stripsOf, tileAt } from './lookInside';

type Draw = 'maps' | 'filters' | 'gradcam';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Whose weights to look inside: a run's saved ones, or a document's with a weights file (its images prepared as Predict's photos). */
export type LookSource = { run: string; weights: RunWeights } | { doc: NetwrightDocument; weights: WeightsRef };

function LookInsideImpl({ source }: { source: LookSource }) {
  const withFile = 'doc' in source;
  const [sample, setSample] = useState(0);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  // A layer's name, or `block:<node path>` for a block instance (shown by its output layer).
  const [choice, setChoice] = useState('');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [cls, setCls] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<{ draw: Draw; explanation: Explanation }>();
  const [hover, setHover] = useState<number | null>(null);
  const ids = { sample: useId(), file: useId(), layer: useId(), cls: useId() };

  const e = result?.explanation;
  const choices = e ? layerChoices(e, open) : [];
  const chosen = choices.find((c) => c.value === choice);
  const layer = chosen?.layer ?? (choice.startsWith('block:') ? '' : choice);
  // A block instance is named by its label; its maps are its output layer's.
  const blockLabel = chosen?.block && e?.blocks.find((b) => b.node === chosen.block)?.label;
  const named = blockLabel ? `block ${blockLabel}` : layer;

  const look = async (draw: Draw) => {
    setBusy(true);
    setError(undefined);
    try {
      const what =
        draw === 'maps' ? { maps: 'all' as const } : draw === 'filters' ? { filters: layer } : { gradcam: { ...(layer ? { layer } : {}), ...(cls ? { class: Number(cls) } : {}) } };
      if (withFile && !file) throw new Error('choose or drop an image first.');
      const explanation =
        'doc' in source
          ? await api().call('explain', { doc: source.doc, weights: source.weights, image: { base64: file!.base64 }, ...what })
          : await api().call('runs.explain', { id: source.run, weights: source.weights, image: file ? { base64: file.base64 } : { sample }, ...what });
      setResult({ draw, explanation });
      if (draw === 'maps') useLook.getState().setStrips(useApp.getState().loadId, stripsOf(explanation));
      if (!choice) setChoice(layerChoices(explanation, open)[0]?.value ?? '');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = async (f: File | undefined) => {
    if (f) setFile({ name: f.name, base64: await fileBase64(f) });
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the image is this pane's, not the enclosing Predict section's
    void choose(e.dataTransfer.files[0]);
  };

  const draw = result?.draw;
  const openable = chosen?.block;
  const toggle = (node: string) => setOpen((was) => (was.has(node) ? new Set([...was].filter((n) => n !== node)) : new Set([...was, node])));
  const shown = e?.maps.find((m) => m.layer === layer);
  const stats = e?.layers.find((l) => l.name === layer);
  const className = (k: number) => e?.classNames[k] ?? `class ${k}`;
  const move = (ev: MouseEvent<HTMLImageElement>) => {
    if (!shown) return;
    const box = ev.currentTarget.getBoundingClientRect();
    setHover(tileAt(shown.grid, ((ev.clientX - box.left) * shown.grid.width) / box.width, ((ev.clientY - box.top) * shown.grid.height) / box.height));
  };

  return (
    <section className="look" aria-label="Look inside" onDragOver={(ev) => ev.preventDefault()} onDrop={drop}>
      <h3 className="evaluate__title">Look inside</h3>
      <div className="evaluate__form">
        {!withFile && (
          <>
            <label htmlFor={ids.sample}>Validation sample</label>
            <input id={ids.sample} type="number" min={0} value={sample} disabled={!!file} onChange={(ev) => setSample(Math.max(0, Math.floor(Number(ev.target.value) || 0)))} />
          </>
        )}
        <label htmlFor={ids.file}>{withFile ? 'An image' : 'or an image'}</label>
        <input id={ids.file} type="file" accept="image/*" onChange={(ev) => void choose(ev.target.files?.[0])} />
        {file && !withFile && (
          <button type="button" className="button" onClick={() => setFile(null)}>
            Use the sample
          </button>
        )}
        <label htmlFor={ids.layer}>Layer</label>
        <select id={ids.layer} value={choice} onChange={(ev) => setChoice(ev.target.value)}>
          <option value="">{e ? 'last convolution' : 'after a first look'}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {'\u00a0\u00a0'.repeat(c.depth)}
              {c.label}
            </option>
          ))}
        </select>
        {openable && (
          <button type="button" className="button" onClick={() => toggle(openable)}>
            {open.has(openable) ? 'Close block' : 'Open block'}
          </button>
        )}
        <label htmlFor={ids.cls}>Class</label>
        <select id={ids.cls} value={cls} onChange={(ev) => setCls(ev.target.value)}>
          <option value="">predicted</option>
          {e?.classNames.map((n, k) => (
            <option key={n} value={k}>
              {n}
            </option>
          ))}
        </select>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void look('maps')}>
          Feature maps
        </button>
        <button type="button" className="button" disabled={busy || !layer} onClick={() => void look('filters')}>
          Filters
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void look('gradcam')}>
          Grad-CAM
        </button>
        <small className="muted">
          {file ? `${file.name}, ${withFile ? 'prepared as Predict prepares a photo' : 'fitted to the input'}` : withFile ? 'Drop an image here, or choose one.' : 'Drop an image here, or look at a validation image of the run’s dataset.'}
        </small>
      </div>
      {busy && <p role="status">Looking…</p>}
      {error && (
        <p role="alert" className="evaluate__error">
          Could not look inside: {error}
        </p>
      )}
      {e && !busy && (
        <div className="look__result">
          <figure className="look__input">
            <img src={e.input.png} width={e.input.width * 2} height={e.input.height * 2} alt="The image as the network sees it" />
            <figcaption>
              {e.label !== undefined && <>label {className(e.label)} · </>}
              predicted <strong>{className(e.predicted)}</strong> ({e.output[e.predicted]!.toFixed(3)})
            </figcaption>
          </figure>
          {draw === 'gradcam' && e.gradcam && (
            <figure>
              <img src={e.gradcam.png} width={e.gradcam.width} height={e.gradcam.height} alt={`Grad-CAM of ${e.gradcam.layer} for ${className(e.gradcam.class)}`} />
              <figcaption>
                Grad-CAM on {e.gradcam.layer} for {className(e.gradcam.class)}
              </figcaption>
            </figure>
          )}
          {draw === 'filters' && e.filters && (
            <figure>
              <img className="look__grid" src={e.filters.grid.png} width={e.filters.grid.width} height={e.filters.grid.height} alt={`Filters of ${e.filters.layer}`} />
              <figcaption>
                {e.filters.layer}: {e.filters.shape[3]} filters of {e.filters.shape[0]}×{e.filters.shape[1]}
                {e.filters.rgb ? ' in colour' : `, a row each, one tile per input channel${e.filters.shape[2] > e.filters.grid.cols || e.filters.shape[3] > e.filters.grid.rows ? ' (the first 64 of each)' : ''}`}
              </figcaption>
            </figure>
          )}
          {draw === 'maps' && shown && stats && (
            <figure>
              <img className="look__grid" src={shown.grid.png} width={shown.grid.width} height={shown.grid.height} alt={`Activation maps of ${named}`} onMouseMove={move} onMouseLeave={() => setHover(null)} />
              <figcaption aria-live="polite">
                {blockLabel ? `${named} (its output, ${layer})` : layer}: {shown.grid.count} channels, each scaled to its own range · {hover === null ? 'point at a tile' : channelCaption(stats, hover)}
              </figcaption>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}

/** The Look inside pane of one run's weights, or of the document's loaded weights; remount it (key) per source. */
export const LookInside = memo(LookInsideImpl);
