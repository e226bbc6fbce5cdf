/**
 * File → Import: a TensorFlow.js model.json or a Keras model config becomes a document, laid
 * out like any opened file; what cannot be imported is listed in the alert, nothing dropped.
 * It replaces the open document, so unsaved edits are asked about first; the imported document
 * is unsaved work with no file of its own (Save asks for a name).
 */
import { useRef } from 'react';
import { saveDocument } from '../../../shared/graph/load';
import { importModel } from '../../../shared/importers/keras';
import { confirmDiscard, openText } from '../commands/files';
import { useApp } from '../store/store';
import { useProvidedCommand } from '../ui/provided';

/** Import a model file's text: `await importText(await file.text(), 'model.json')`. */
export async function importText(text: string, fileName: string): Promise<boolean> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    useApp.getState().showAlert({ source: 'open', message: `Could not import ${fileName}: it is not JSON (${(e as Error).message}).` });
    return false;
  }
  const result = importModel(json, fileName);
  if (!result.ok) {
    useApp.getState().showAlert({ source: 'open', message: `Could not import ${fileName}: ${result.message}` });
    return false;
  }
  // Through the same checks and layout as any opened document.
  return openText(saveDocument(result.doc), fileName, { unsaved: true });
}

export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const choose = () => void confirmDiscard().then((go) => go && input.current?.click());
  useProvidedCommand('import', choose);
  return (
    <>
      <button type="button" className="button" onClick={choose}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import model"
        onChange={async (e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          if (file) await importText(await file.text(), file.name);
          el.value = '';
        }}
      />
    </>
  );
}
