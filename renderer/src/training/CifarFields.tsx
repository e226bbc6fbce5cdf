/**
 * The CIFAR settings of the "Data" group: CIFAR-100's labels (100 classes, or the 20
 * superclasses), the folder of the binary files (empty: the data folder's cache), and for the
 * cache, whether the dataset is there and a Download button with a progress bar and Cancel. The
 * download runs in the service, whose events reach every window, so all show the same progress.
 */
import { useEffect, useState } from 'react';
import type { CachedDataset } from '../../../shared/api';
import type { DatasetSpec } from '../../../shared/datasets';
import { api } from '../api';
import { DownloadBar } from '../ui/downloadBar';
import { SelectField } from './settingFields';

type Cifar = Extract<DatasetSpec, { kind: 'cifar10' | 'cifar100' }>;

const LABELS = [
  ['fine', '100 classes'],
  ['coarse', '20 superclasses'],
] as const;

interface Props {
  spec: Cifar;
  disabled: boolean;
  onChange(spec: Cifar): void;
}

/** CIFAR-10 or CIFAR-100: labels, folder, and the download into the cache. */
export function CifarFields({ spec, disabled, onChange }: Props) {
  const [dir, setDir] = useState(spec.dir ?? '');
  const withDir = (text: string): Cifar => {
    const { dir: _old, ...rest } = spec;
    return text.trim() ? { ...rest, dir: text.trim() } : rest;
  };
  return (
    <>
      <div className="settings__grid">
        {spec.kind === 'cifar100' ? <SelectField label="Labels" value={spec.labels} options={LABELS} disabled={disabled} onChange={(labels) => onChange({ ...spec, labels })} /> : null}
        <label className="setting">
          <span>Folder</span>
          <input
            type="text"
            value={dir}
            placeholder="the data folder's cache"
            disabled={disabled}
            onChange={(e) => {
              setDir(e.target.value);
              onChange(withDir(e.target.value));
            }}
          />
          <small className="setting__help">The binary version's .bin files; empty: downloaded into the cache.</small>
        </label>
      </div>
      {spec.dir === undefined ? <DatasetDownload dataset={spec.kind} /> : null}
    </>
  );
}

const megabytes = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** "In the cache", or Download with a progress bar and Cancel; a failure in one line. */
function DatasetDownload({ dataset }: { dataset: Cifar['kind'] }) {
  const [entry, setEntry] = useState<CachedDataset | null>(null);
  const [progress, setProgress] = useState<{ received: number; total: number } | null>(null);
  const [message, setMessage] = useState('');
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    api()
      .call('dataset.cache', {})
      .then(
        (reply) => current && setEntry(reply.datasets.find((d) => d.dataset === dataset) ?? null),
        (e: unknown) => current && setMessage(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      current = false;
    };
  }, [dataset, asked]);
  useEffect(
    () =>
      api().onEvent((e) => {
        if (e.type !== 'download' || e.dataset !== dataset) return;
        if (e.event.type === 'progress') {
          const { received, total } = e.event;
          setProgress({ received, total });
          return;
        }
        setProgress(null);
        setMessage(e.event.type === 'error' ? e.event.message : e.event.type === 'cancelled' ? 'Cancelled; nothing was kept.' : '');
        setAsked((n) => n + 1);
      }),
    [dataset],
  );
  if (!entry) return message ? <p role="alert">{message}</p> : null;
  const start = () => {
    setMessage('');
    api()
      .call('dataset.download', { dataset })
      .then(
        ({ id }) => setEntry({ ...entry, downloading: id }),
        (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
      );
  };
  const cancel = () => entry.downloading && void api().call('dataset.cancelDownload', { id: entry.downloading });
  if (entry.present && !entry.downloading) return <p className="setting__help">{entry.title} is in the data folder's cache ({entry.dir}).</p>;
  if (entry.downloading) {
    const { received, total } = progress ?? { received: 0, total: entry.bytes };
    const sizes = `${megabytes(received)} of ${megabytes(total)}`;
    return <DownloadBar label={`Downloading ${entry.title}`} received={received} total={total} sizes={sizes} text={received >= total ? `Unpacking ${entry.title}…` : `Downloading ${entry.title}: ${sizes}`} onCancel={cancel} />;
  }
  return (
    <div className="dataset-download">
      <p className="setting__help">
        {entry.title} is not downloaded yet.
        <button type="button" className="button" onClick={start}>
          Download {entry.title}
        </button>
      </p>
      <small className="setting__help">
        {megabytes(entry.bytes)} from {entry.url}, MD5-checked, into {entry.dir}.
      </small>
      {message ? <p role="alert">{message}</p> : null}
    </div>
  );
}
