/**
 * File → Import: a TensorFlow.js model.json or a Keras model config becomes a document, laid
 * out like any opened file; what cannot be imported is listed in the alert, nothing dropped.
 */
import { useRef } from 'react';
import { saveDocument } from '../../../shared/graph/load';
import { importModel } from '../../../shared/importers/keras';
import { openText } from '../commands/files';
import { useApp } from '../store/store';

/** Import a model file's text: `importText(await file.text(), 'model.json')`. */
export function importText(text: string, fileName: string): boolean {
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
  return openText(saveDocument(result.doc), fileName);
}

export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
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
          if (file) importText(await file.text(), file.name);
          el.value = '';
        }}
      />
    </>
  );
}
