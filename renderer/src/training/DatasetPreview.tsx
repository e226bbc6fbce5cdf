/** The "Preview" button and its dialog: a grid of the dataset's images with their labels. */
import { useEffect, useRef, useState } from 'react';
import type { Preview } from '../../../shared/api';
import { api } from '../api';

const COUNT = 32;

type Loaded = { preview: Preview } | { error: string } | null;

/** Preview `dataset` (a spec string); without one (an unfinished folder path) the button is off. */
export function DatasetPreview({ dataset }: { dataset: string | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" disabled={!dataset} onClick={() => setOpen(true)}>
        Preview
      </button>
      {open && dataset ? <PreviewDialog dataset={dataset} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PreviewDialog({ dataset, onClose }: { dataset: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    let current = true;
    api()
      .call('dataset.preview', { dataset, count: COUNT })
      .then(
        (preview) => current && setLoaded({ preview }),
        (e: unknown) => current && setLoaded({ error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      current = false;
    };
  }, [dataset]);
  const preview = loaded && 'preview' in loaded ? loaded.preview : undefined;
  return (
    <dialog ref={ref} className="preview" aria-labelledby="preview-title" onClose={onClose}>
      <header className="preview__header">
        <h2 id="preview-title">Dataset preview</h2>
        {preview ? (
          <p className="muted">
            {preview.title} · {preview.shape.join('×')} · {preview.classNames.length} classes · {preview.total.toLocaleString('en-US')} images
          </p>
        ) : null}
        <button type="button" className="preview__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {loaded === null ? (
        <p className="muted" role="status">
          Loading images…
        </p>
      ) : 'error' in loaded ? (
        <p role="alert">Could not load the dataset: {loaded.error}</p>
      ) : (
        <ul className="preview__grid" aria-label="Sample images">
          {loaded.preview.samples.map((s, i) => (
            <li key={i}>
              <figure>
                <img src={s.png} width={s.width} height={s.height} alt={s.className} />
                <figcaption>{s.className}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
