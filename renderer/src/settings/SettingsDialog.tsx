/**
 * The Settings dialog (toolbar: "Settings…"): the Python the torch engine runs, with a Detect
 * button that says what that Python has ("PyTorch 1.13.0 · CPU") or why it cannot train. An
 * empty path means: detect automatically. A native modal <dialog>: focus moves in and back,
 * Escape closes it, and the result is announced (role="status").
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { TorchDetection } from '../../../shared/api';
import { api } from '../api';
import { bytes } from '../ui/format';
import { useProvidedCommand } from '../ui/provided';
import './settings.css';

/** "PyTorch 1.13.0 · CUDA, 80 GiB" for a detection that found one; otherwise its reason. */
export function describeDetection(d: TorchDetection): string {
  if (!d.available) return d.message ?? 'No Python with PyTorch found.';
  const device = d.cuda ? `CUDA${d.gpuMemory ? `, ${bytes(d.gpuMemory)}` : ''}` : 'CPU';
  return `PyTorch ${d.torchVersion ?? '?'} · ${device}`;
}

type Detect = { state: 'idle' } | { state: 'busy' } | { state: 'done'; result: TorchDetection } | { state: 'failed'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function SettingsForm({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [python, setPython] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [detect, setDetect] = useState<Detect>({ state: 'idle' });
  const [error, setError] = useState<string>();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    let live = true;
    api()
      .call('settings.get', {})
      .then(
        (s) => live && (setPython(s.pythonPath ?? ''), setLoaded(true)),
        (e: unknown) => live && (setError(`Could not read the settings: ${message(e)}`), setLoaded(true)),
      );
    return () => {
      live = false;
      dialog?.close();
    };
  }, []);

  const runDetect = async () => {
    setDetect({ state: 'busy' });
    try {
      const path = python.trim();
      setDetect({ state: 'done', result: await api().call('torch.detect', path ? { python: path } : {}) });
    } catch (e) {
      setDetect({ state: 'failed', message: message(e) });
    }
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api().call('settings.set', { pythonPath: python.trim() || null });
      onClose();
    } catch (err) {
      setError(`Could not save the settings: ${message(err)}`);
    }
  };

  const result =
    detect.state === 'busy' ? 'Looking for PyTorch…' : detect.state === 'failed' ? `Detection failed: ${detect.message}` : detect.state === 'done' ? describeDetection(detect.result) : '';
  const found = detect.state === 'done' && detect.result.available;

  return (
    <dialog ref={ref} className="dialog app-settings" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void save(e)}>
        <h2 id={`${id}-title`}>Settings</h2>
        <label htmlFor={`${id}-python`}>Python for the torch engine</label>
        <div className="app-settings__row">
          <input
            id={`${id}-python`}
            className="app-settings__input"
            value={python}
            onChange={(e) => setPython(e.target.value)}
            placeholder="Detect automatically"
            aria-describedby={`${id}-hint ${id}-result`}
            spellCheck={false}
            disabled={!loaded}
          />
          <button type="button" className="button" onClick={() => void runDetect()} disabled={detect.state === 'busy'}>
            Detect
          </button>
        </div>
        <p id={`${id}-hint`} className="muted app-settings__hint">
          A Python that can import torch, e.g. /usr/bin/python3 or a virtual environment&apos;s bin/python. Empty: the first of $NETWRIGHT_PYTHON, /usr/bin/python3 and python3 that has PyTorch.
        </p>
        <p id={`${id}-result`} role="status" className={`app-settings__result${found ? ' app-settings__result--ok' : ''}`}>
          {found ? `${result} (${(detect as { result: TorchDetection }).result.python})` : result}
        </p>
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!loaded}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}

function SettingsButtonImpl() {
  const [open, setOpen] = useState(false);
  useProvidedCommand('settings', () => setOpen(true));
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Settings…
      </button>
      {open ? <SettingsForm onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The toolbar's "Settings…" button and, while open, its dialog. */
export const SettingsButton = memo(SettingsButtonImpl);
