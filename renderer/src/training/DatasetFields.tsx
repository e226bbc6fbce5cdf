/**
 * The dataset settings: which data (MNIST, Fashion-MNIST, CIFAR-10 and CIFAR-100, synthetic
 * images of any size, an image folder), the validation share, normalisation and augmentation
 * (with CIFAR's standard one in a click), the preview, adapting the head to the dataset's classes,
 * and the weights a run starts from.
 */
import { useEffect, useState } from 'react';
import { formatDatasetSpec, parseDatasetSpec, SYNTHETIC_LIMITS, type DatasetSpec } from '../../../shared/datasets';
import type { Training } from '../../../shared/graph/schema';
import { AdaptToDataset } from './AdaptToDataset';
import { CifarFields } from './CifarFields';
import { DatasetPreview } from './DatasetPreview';
import { StartFrom } from './StartFrom';
import { CheckField, NumberField, SelectField, SettingGroup } from './settingFields';

type Kind = DatasetSpec['kind'];
type Synthetic = Extract<DatasetSpec, { kind: 'synthetic' }>;

const KINDS = [
  ['mnist', 'MNIST'],
  ['fashion-mnist', 'Fashion-MNIST'],
  ['cifar10', 'CIFAR-10'],
  ['cifar100', 'CIFAR-100'],
  ['synthetic', 'Synthetic images'],
  ['folder', 'Image folder'],
] as const;

const NORMALIZATIONS = [
  ['scale', 'Scale to 0–1'],
  ['standardize', 'Standardise per channel'],
] as const;

/** What a newly picked kind starts as; a folder has no default, so it waits for a path. */
const SYNTHETIC_DEFAULT: Synthetic = { kind: 'synthetic', height: 32, width: 32, classes: 10, channels: 3 };

/** The standard CIFAR augmentation: pad by 4 pixels and crop at random (a shift of up to 4), and flip. */
const STANDARD_AUGMENTATION = { flip: true, crop: 4 } as const;

interface Props {
  settings: Training;
  disabled: boolean;
  onChange(patch: Partial<Training>): void;
}

/** The "Data" group of the run settings. */
export function DatasetFields({ settings, disabled, onChange }: Props) {
  const parsed = parseDatasetSpec(settings.dataset);
  const spec = parsed.ok ? parsed.spec : undefined;
  // Picking "Image folder" shows the path box before there is a path to commit.
  const [folderPending, setFolderPending] = useState(false);
  // A dataset set from elsewhere (undo, opening a file) ends the wait for a path.
  useEffect(() => setFolderPending(false), [settings.dataset]);
  const kind: Kind = folderPending ? 'folder' : (spec?.kind ?? 'mnist');
  const setSpec = (next: DatasetSpec) => {
    setFolderPending(false);
    onChange({ dataset: formatDatasetSpec(next) });
  };
  const pick = (k: Kind) => {
    if (k === kind) return;
    if (k === 'folder') setFolderPending(true);
    else setSpec(k === 'synthetic' ? SYNTHETIC_DEFAULT : k === 'cifar100' ? { kind: k, labels: 'fine' } : { kind: k });
  };
  const L = SYNTHETIC_LIMITS;
  return (
    <SettingGroup title="Data">
      <div className="settings__row">
        <SelectField label="Dataset" value={kind} options={KINDS} disabled={disabled} onChange={pick} />
        <DatasetPreview dataset={parsed.ok && !folderPending ? settings.dataset : undefined} />
      </div>
      {spec?.kind === 'synthetic' && !folderPending ? (
        <div className="settings__grid">
          <NumberField label="Image size" integer min={L.size[0]} max={L.size[1]} value={spec.height} disabled={disabled} onChange={(n) => setSpec({ ...spec, height: n, width: n })} />
          <NumberField label="Classes" integer min={L.classes[0]} max={L.classes[1]} value={spec.classes} disabled={disabled} onChange={(n) => setSpec({ ...spec, classes: n })} />
          <NumberField label="Channels" integer min={L.channels[0]} max={L.channels[1]} value={spec.channels} disabled={disabled} onChange={(n) => setSpec({ ...spec, channels: n })} />
        </div>
      ) : null}
      {(spec?.kind === 'cifar10' || spec?.kind === 'cifar100') && !folderPending ? <CifarFields key={spec.kind} spec={spec} disabled={disabled} onChange={setSpec} /> : null}
      {kind === 'folder' ? <FolderField path={spec?.kind === 'folder' ? spec.path : ''} disabled={disabled} onCommit={(path) => setSpec({ kind: 'folder', path })} /> : null}
      <AdaptToDataset disabled={disabled || !parsed.ok || folderPending} />
      <StartFrom disabled={disabled} />
      <div className="settings__grid">
        <NumberField label="Validation share" min={0.01} max={0.9} step={0.05} value={settings.validationSplit} disabled={disabled} onChange={(n) => onChange({ validationSplit: n })} />
        <SelectField label="Normalisation" value={settings.normalization} options={NORMALIZATIONS} disabled={disabled} onChange={(v) => onChange({ normalization: v })} />
        <CheckField label="Random flip" checked={settings.augmentation.flip} disabled={disabled} onChange={(flip) => onChange({ augmentation: { ...settings.augmentation, flip } })} />
        <NumberField label="Random crop (px)" integer min={0} max={64} value={settings.augmentation.crop} disabled={disabled} onChange={(crop) => onChange({ augmentation: { ...settings.augmentation, crop } })} />
      </div>
      <button
        type="button"
        className="button"
        title="Pad each training image by 4 pixels, crop it back at random, and flip half of them: CIFAR's usual augmentation"
        disabled={disabled || (settings.augmentation.flip && settings.augmentation.crop === STANDARD_AUGMENTATION.crop)}
        onClick={() => onChange({ augmentation: { ...STANDARD_AUGMENTATION } })}
      >
        Standard augmentation (pad 4, crop, flip)
      </button>
    </SettingGroup>
  );
}

/** The folder's path, committed once it reads as a path (one sub-folder per class inside). */
function FolderField({ path, disabled, onCommit }: { path: string; disabled: boolean; onCommit(path: string): void }) {
  const [text, setText] = useState(path);
  const parsed = parseDatasetSpec(text);
  const error = text && !(parsed.ok && parsed.spec.kind === 'folder') ? 'Write a path, e.g. ./photos or /data/flowers' : '';
  return (
    <label className="setting">
      <span>Folder path</span>
      <input
        type="text"
        value={text}
        placeholder="/path/to/images"
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseDatasetSpec(e.target.value);
          if (p.ok && p.spec.kind === 'folder') onCommit(p.spec.path);
        }}
      />
      <small className={error ? 'setting__error' : 'setting__help'}>{error || 'One sub-folder per class, JPEG or PNG.'}</small>
    </label>
  );
}
