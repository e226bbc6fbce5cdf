/**
 * "Download ImageNet weights" in the Predict section and on the template gallery's cards, for a
 * template torchvision publishes weights for (`shared/weights/published.ts`): the service fetches
 * the checkpoint into the data folder's cache with a progress bar (size and time left) and
 * Cancel. In the Predict section the weights are then loaded for prediction; on a card they wait
 * in the cache for the template's Predict section. A failure is the service's one line (offline:
 * the URL, and "Load weights from a file…" beside it to use a copy fetched by other means).
 */
import { useEffect, useState } from 'react';
import { publishedFor } from '../../../shared/weights/published';
import { api } from '../api';
import { usePredict } from '../store/predict';
import { DownloadBar } from '../ui/downloadBar';
import { bytes, timeLeft } from '../ui/format';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface Download {
  id: string;
  received: number;
  total: number;
  /** When it started, for the time left (performance.now(), ms). */
  started: number;
}

/** Where the weights go once they are in the cache: the open document's Predict section (its `loadId`), or only the cache (a gallery card). */
interface Props {
  /** A template's id or its document's name. */
  docName: string;
  loadId?: number;
  /** Without the line saying which file, for a gallery card. */
  compact?: boolean;
}

const CACHED = 'In the cache: Predict in its Summary tab loads them at once.';

/** The button, or the download's progress; nothing for a document without published weights. */
export function ImagenetDownload({ docName, loadId, compact = false }: Props) {
  const entry = publishedFor(docName);
  const [download, setDownload] = useState<Download | null>(null);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  useEffect(() => {
    if (!entry) return undefined;
    const loaded = (size: number) => {
      if (loadId === undefined) return setMessage({ text: CACHED, alert: false });
      usePredict.getState().setWeights({ loadId, name: `${entry.file} (ImageNet, torchvision)`, bytes: size, published: entry.template });
    };
    return api().onEvent((e) => {
      if (e.type !== 'weights' || e.template !== entry.template) return;
      if (e.event.type === 'progress') {
        const { received, total } = e.event;
        setDownload((d) => (d ? { ...d, received, total } : d));
        return;
      }
      setDownload(null);
      setMessage(e.event.type === 'error' ? { text: e.event.message, alert: true } : e.event.type === 'cancelled' ? { text: 'Cancelled; nothing was kept.', alert: true } : null);
      if (e.event.type === 'done') loaded(entry.mib * 2 ** 20);
    });
  }, [entry, loadId]);
  if (!entry) return null;
  const start = () => {
    setMessage(null);
    api()
      .call('weights.download', { template: entry.template })
      .then(
        ({ id, path }) => {
          if (!path) setDownload({ id, received: 0, total: entry.mib * 2 ** 20, started: performance.now() });
          else if (loadId === undefined) setMessage({ text: CACHED, alert: false });
          else usePredict.getState().setWeights({ loadId, name: `${entry.file} (ImageNet, torchvision)`, bytes: entry.mib * 2 ** 20, published: entry.template });
        },
        (e: unknown) => setMessage({ text: messageOf(e), alert: true }),
      );
  };
  if (download) {
    const { received, total } = download;
    const left = timeLeft(received, total, (performance.now() - download.started) / 1000);
    const sizes = `${bytes(received)} of ${bytes(total)}`;
    const cancel = () => void api().call('weights.cancelDownload', { id: download.id });
    return <DownloadBar label={`Downloading ${entry.name}'s ImageNet weights`} received={received} total={total} sizes={sizes} text={`Downloading ${entry.file}: ${sizes}${left ? `, ${left}` : ''}`} onCancel={cancel} />;
  }
  return (
    <div className="dataset-download">
      <button type="button" className="button" onClick={start} title={compact ? `torchvision's ${entry.file} (${bytes(entry.mib * 2 ** 20)}), SHA-256-checked, kept in the data folder's cache` : undefined}>
        Download ImageNet weights
      </button>
      {compact ? null : <small className="muted">{`torchvision's ${entry.file} (${bytes(entry.mib * 2 ** 20)}), SHA-256-checked, kept in the data folder's cache.`}</small>}
      {message?.alert ? (
        <p role="alert" className="evaluate__error">
          {message.text}
        </p>
      ) : message ? (
        <p role="status" className="muted">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
