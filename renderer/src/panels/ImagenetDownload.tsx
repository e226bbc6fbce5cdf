/**
 * "Download ImageNet weights" in the Predict section, for a template torchvision publishes
 * weights for (`shared/weights/published.ts`): the service fetches the checkpoint into the data
 * folder's cache with a progress bar (size and time left) and Cancel, and once it is there the
 * weights are loaded for prediction. A failure is the service's one line (offline: the URL, and
 * "Load weights from a file…" beside it to use a copy fetched by other means).
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

/** The button, or the download's progress; nothing for a document without published weights. */
export function ImagenetDownload({ docName, loadId }: { docName: string; loadId: number }) {
  const entry = publishedFor(docName);
  const [download, setDownload] = useState<Download | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!entry) return undefined;
    const loaded = (size: number) => usePredict.getState().setWeights({ loadId, name: `${entry.file} (ImageNet, torchvision)`, bytes: size, published: entry.template });
    return api().onEvent((e) => {
      if (e.type !== 'weights' || e.template !== entry.template) return;
      if (e.event.type === 'progress') {
        const { received, total } = e.event;
        setDownload((d) => (d ? { ...d, received, total } : d));
        return;
      }
      if (e.event.type === 'done') loaded(entry.mib * 2 ** 20);
      setDownload(null);
      setMessage(e.event.type === 'error' ? e.event.message : e.event.type === 'cancelled' ? 'Cancelled; nothing was kept.' : '');
    });
  }, [entry, loadId]);
  if (!entry) return null;
  const start = () => {
    setMessage('');
    api()
      .call('weights.download', { template: entry.template })
      .then(
        ({ id, path }) => {
          if (path) usePredict.getState().setWeights({ loadId, name: `${entry.file} (ImageNet, torchvision)`, bytes: entry.mib * 2 ** 20, published: entry.template });
          else setDownload({ id, received: 0, total: entry.mib * 2 ** 20, started: performance.now() });
        },
        (e: unknown) => setMessage(messageOf(e)),
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
      <button type="button" className="button" onClick={start}>
        Download ImageNet weights
      </button>
      <small className="muted">{`torchvision's ${entry.file} (${bytes(entry.mib * 2 ** 20)}), SHA-256-checked, kept in the data folder's cache.`}</small>
      {message ? (
        <p role="alert" className="evaluate__error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
