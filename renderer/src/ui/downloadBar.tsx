/**
 * A download's progress bar with a line under it and Cancel, as the CIFAR download (training
 * panel) and the ImageNet weights download (Predict section) show it:
 * `<DownloadBar label="Downloading CIFAR-10" received={n} total={t} sizes="3.1 MB of 170.1 MB" text="…" onCancel={…} />`.
 */
interface Props {
  /** The bar's accessible name. */
  label: string;
  received: number;
  total: number;
  /** The bar's value in words. */
  sizes: string;
  /** The line beside Cancel. */
  text: string;
  onCancel(): void;
}

export function DownloadBar({ label, received, total, sizes, text, onCancel }: Props) {
  return (
    <div className="dataset-download">
      <div className="run-status__bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={received} aria-valuetext={sizes}>
        <div style={{ width: `${(100 * received) / total}%` }} />
      </div>
      <p className="setting__help">
        {text}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </div>
  );
}
