/**
 * "Start from": the weights a run begins with — random (the document's seed), a weights file
 * (a PyTorch .pth/.pt or safetensors state_dict), or the template's ImageNet weights once they
 * are downloaded (the Summary tab's Predict section downloads them), or an imported ONNX model's
 * own weights while its document is open (the Import button chooses them). Fine-tuning: frozen layers
 * keep these weights, and a head that Adapt to dataset resized starts at random.
 */
import { useState } from 'react';
import { publishedFor } from '../../../shared/weights/published';
import { useApp } from '../store/store';
import { useTrainingView, type StartFrom as Choice } from '../store/trainingView';
import { fileBase64 } from '../ui/fileBytes';

export function StartFrom({ disabled }: { disabled: boolean }) {
  const stored = useTrainingView((v) => v.startFrom);
  const loadId = useApp((s) => s.loadId);
  // An imported model's weights belong to its document.
  const choice: Choice = stored.kind === 'imported' && stored.loadId !== loadId ? { kind: 'random' } : stored;
  const set = useTrainingView((v) => v.set);
  const published = useApp((s) => publishedFor(s.doc.name));
  const [problem, setProblem] = useState<string>();
  const pickFile = async (file: File | undefined) => {
    setProblem(undefined);
    if (!file) return;
    try {
      set({ startFrom: { kind: 'file', name: file.name, base64: await fileBase64(file) } });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const pick = (kind: Choice['kind']) => {
    if (kind === 'random') set({ startFrom: { kind } });
    if (kind === 'imagenet' && published) set({ startFrom: { kind, template: published.template } });
  };
  const value = choice.kind === 'file' ? 'file' : choice.kind;
  return (
    <div className="start-from">
      <label className="setting">
        <span className="setting__label">Start from</span>
        <select value={value} disabled={disabled} onChange={(e) => pick(e.target.value as Choice['kind'])} aria-label="Start from">
          <option value="random">random weights</option>
          <option value="file" disabled>
            {choice.kind === 'file' ? choice.name : 'a weights file…'}
          </option>
          {choice.kind === 'imported' ? (
            <option value="imported" disabled>
              {choice.name} (imported with the model)
            </option>
          ) : null}
          <option value="imagenet" disabled={!published}>
            {published ? `ImageNet weights (${published.file}, downloaded)` : 'ImageNet weights (none published for this network)'}
          </option>
        </select>
      </label>
      <label className="button start-from__file">
        Weights file…
        <input type="file" accept=".pth,.pt,.safetensors" hidden disabled={disabled} aria-label="Weights file" onChange={(e) => void pickFile(e.target.files?.[0])} />
      </label>
      {problem ? (
        <small className="setting__help" role="alert">
          {problem}
        </small>
      ) : null}
    </div>
  );
}
