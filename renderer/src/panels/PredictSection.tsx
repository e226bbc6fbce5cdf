/**
 * The Summary tab's Predict section: load pretrained weights (a PyTorch .pth or a safetensors
 * file, or for a template torchvision publishes weights for, its downloaded ImageNet checkpoint) for the open document, then choose or drop a photo and see the top-5 classes with their
 * probabilities. A photo dropped on the canvas comes here too (`usePredict`'s `photo`), and waits
 * for weights when none are loaded. The work is the API's `predict` in a trainer process; the
 * photo is preprocessed as torchvision's ImageNet models expect, which the section says.
 * With weights loaded, Look inside shows the network's maps, filters and Grad-CAM for a photo
 * (the Runs view's pane, runs/LookInside.tsx, on the API's `explain`).
 */
import { memo, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { BROWSER_MESSAGE_BYTES, PREDICT_WEIGHTS_MAX_BYTES, type Prediction, type WeightsRef } from '../../../shared/api';
import { api } from '../api';
import { fileBase64 } from '../runs/lookInside';
import { LookInside } from '../runs/LookInside';
import { ImagenetDownload } from './ImagenetDownload';
import { usePredict, type LoadedWeights } from '../store/predict';
import { useApp } from '../store/store';
import { bytes } from '../ui/format';

/** The line the section shows under its buttons: what is done to a photo before the network sees it. */
export const PREPROCESSING = "Resized to 256 on the short side, centre-cropped to 224, normalised with ImageNet's mean and standard deviation.";

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Loaded weights as the API names them: published, imported, or a file's bytes. */
const weightsRef = (w: LoadedWeights): WeightsRef => ('published' in w ? { published: w.published } : 'imported' in w ? { imported: w.imported } : { name: w.name, base64: w.base64 });

/** Why a weights file is too big to send, or undefined: `tooBig(file, 'browser')`. */
function tooBig(file: File, transport: 'electron' | 'browser'): string | undefined {
  const limit = PREDICT_WEIGHTS_MAX_BYTES[transport];
  if (file.size <= limit) return undefined;
  const mib = (n: number) => `${n / 2 ** 20} MiB`;
  const where = transport === 'browser' ? `the browser mode takes weights up to ${mib(limit)} (a message is at most ${mib(BROWSER_MESSAGE_BYTES)}), the desktop app` : 'the app takes weights up to';
  return `${file.name} is ${bytes(file.size)}; ${where} ${mib(PREDICT_WEIGHTS_MAX_BYTES.electron)}, and \`netwright predict --weights FILE\` any size.`;
}

function PredictSectionImpl() {
  const doc = useApp((s) => s.doc);
  const loadId = useApp((s) => s.loadId);
  const stored = usePredict((s) => s.weights);
  const weights = stored?.loadId === loadId ? stored : null;
  const [photo, setPhoto] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Prediction>();
  const [looking, setLooking] = useState(false);
  const ids = { weights: useId(), image: useId() };
  const dropped = usePredict((s) => s.photo);
  const section = useRef<HTMLElement>(null);

  const loadWeights = async (f: File | undefined) => {
    if (!f) return;
    setError(undefined);
    setResult(undefined);
    const refused = tooBig(f, api().transport);
    if (refused) return setError(refused);
    usePredict.getState().setWeights({ loadId, name: f.name, bytes: f.size, base64: await fileBase64(f) });
  };
  const predict = async (f: File | undefined) => {
    if (!f) return;
    if (!weights) return setError('Load weights from a file first, then the image.');
    setPhoto(f.name);
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api().call('predict', { doc, weights: weightsRef(weights), image: { base64: await fileBase64(f) }, top: 5 }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    void predict(e.dataTransfer.files[0]);
  };
  // A photo dropped on the canvas: shown here at once, predicted as soon as weights are loaded.
  useEffect(() => {
    if (!dropped) return;
    section.current?.scrollIntoView({ block: 'nearest' });
    if (!weights) return;
    usePredict.getState().dropPhoto(null);
    void predict(dropped);
  }, [dropped, weights]);

  return (
    <section ref={section} className="predict" aria-label="Predict" onDragOver={(ev) => ev.preventDefault()} onDrop={drop}>
      <h3 className="evaluate__title">Predict</h3>
      <ImagenetDownload docName={doc.name} loadId={loadId} />
      <div className="evaluate__form">
        <label htmlFor={ids.weights}>Load weights from a file…</label>
        <input id={ids.weights} type="file" accept=".pth,.pt,.safetensors" onChange={(ev) => void loadWeights(ev.target.files?.[0])} />
        <label htmlFor={ids.image}>Choose an image…</label>
        <input id={ids.image} type="file" accept="image/*" disabled={!weights || busy} onChange={(ev) => void predict(ev.target.files?.[0])} />
        <small className="muted">
          {weights ? `${weights.name} (${bytes(weights.bytes)}) loaded. Drop an image here, or choose one.` : 'A PyTorch .pth or a safetensors file whose tensors are named as the layers are (docs/pretrained.md).'}
        </small>
      </div>
      {dropped && !weights && <p role="status">{`${dropped.name} is waiting: load weights for ${doc.name}, and its top classes follow.`}</p>}
      <p className="muted">{PREPROCESSING}</p>
      {weights && (
        <button type="button" className="button" aria-expanded={looking} onClick={() => setLooking(!looking)}>
          {looking ? 'Close Look inside' : 'Look inside…'}
        </button>
      )}
      {weights && looking && <LookInside key={`${loadId}-${weights.name}`} source={{ doc, weights: weightsRef(weights) }} />}
      {busy && <p role="status">Predicting…</p>}
      {error && (
        <p role="alert" className="evaluate__error">
          {error}
        </p>
      )}
      {result && !busy && <p className="muted">{`${photo}: ${result.preprocessing}.`}</p>}
      {result && !busy && (
        <ol className="predict__top" aria-label={`Top classes for ${photo ?? 'the image'}`}>
          {result.top.map((t) => (
            <li key={t.index}>
              <span className="predict__name">{t.name}</span> <span className="predict__probability">{(t.probability * 100).toFixed(2)} %</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The Predict section, under the summary's table. */
export const PredictSection = memo(PredictSectionImpl);
