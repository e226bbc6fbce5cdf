/**
 * File → Import: a TensorFlow.js model.json, a Keras model config or an ONNX model becomes a
 * document, laid out like any opened file; what cannot be imported is listed in the alert (for
 * ONNX, the CLI's lines: one per unsupported operator), nothing dropped, and the open document
 * stays. It replaces the open document, so unsaved edits are asked about first; the imported
 * document is unsaved work with no file of its own (Save asks for a name). An ONNX model's
 * weights are kept by the service in the data folder (`imported/<id>/`, beside a copy of the
 * document) and loaded for the new document, as Predict's "Load weights" would load them, and
 * chosen as the weights its runs start from (the Training panel's Start from).
 */
import { useRef } from 'react';
import { PREDICT_WEIGHTS_MAX_BYTES } from '../../../shared/api';
import { saveDocument } from '../../../shared/graph/load';
import { importModel } from '../../../shared/importers/keras';
import { api } from '../api';
import { confirmDiscard, openText } from '../commands/files';
import { usePredict } from '../store/predict';
import { useApp } from '../store/store';
import { useTrainingView } from '../store/trainingView';
import { fileBase64 } from '../ui/fileBytes';
import { bytes } from '../ui/format';
import { useProvidedCommand } from '../ui/provided';

/** The alert for a file that cannot be imported; false. */
const refuse = (fileName: string, why: string) => {
  useApp.getState().showAlert({ source: 'open', message: `Could not import ${fileName}: ${why}` });
  return false;
};

/** Import a model file's text: `await importText(await file.text(), 'model.json')`. */
export async function importText(text: string, fileName: string): Promise<boolean> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refuse(fileName, `it is not JSON (${(e as Error).message}).`);
  }
  const result = importModel(json, fileName);
  if (!result.ok) return refuse(fileName, result.message);
  // Through the same checks and layout as any opened document.
  return openText(saveDocument(result.doc), fileName, { unsaved: true });
}

/**
 * Import an .onnx file through the service: `await importOnnx(file)`. On success the document
 * opens with the model's weights loaded; otherwise the alert says why and nothing changes.
 */
export async function importOnnx(file: File): Promise<boolean> {
  const limit = PREDICT_WEIGHTS_MAX_BYTES[api().transport];
  if (file.size > limit) return refuse(file.name, `it is ${bytes(file.size)}; the ${api().transport === 'browser' ? 'browser mode' : 'app'} imports ONNX files up to ${limit / 2 ** 20} MiB, and \`netwright import ${file.name} -o doc.json\` any size.`);
  let reply;
  try {
    reply = await api().call('import.onnx', { name: file.name, base64: await fileBase64(file) });
  } catch (e) {
    // The service's lines name the file already, as the CLI's do.
    useApp.getState().showAlert({ source: 'open', message: `Could not import ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
  if (!(await openText(saveDocument(reply.doc), file.name, { unsaved: true }))) return false;
  const { id, name, bytes: size } = reply.weights;
  const loadId = useApp.getState().loadId;
  usePredict.getState().setWeights({ loadId, name, bytes: size, imported: id });
  // A run of the imported network starts from its weights unless the Training panel says otherwise.
  useTrainingView.getState().set({ startFrom: { kind: 'imported', id, name, loadId } });
  return true;
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
        accept=".json,application/json,.onnx"
        hidden
        aria-label="Import model"
        onChange={async (e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          if (file && /\.onnx$/i.test(file.name)) await importOnnx(file);
          else if (file) await importText(await file.text(), file.name);
          el.value = '';
        }}
      />
    </>
  );
}
