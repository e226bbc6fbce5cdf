/**
 * "Adapt to dataset": give the network's head (its last Dense layer) as many units as the
 * training dataset has classes, keeping every other layer, as transfer learning needs. One undo
 * step (commands/transfer.ts); it says what it changed, or that nothing needed to.
 */
import { useState } from 'react';
import type { Adapted } from '../../../shared/document/transfer';
import { adaptToTrainingDataset } from '../commands/transfer';

const said = (a: Adapted) =>
  a.from === a.to
    ? `${a.name} already has ${a.to} units, one per class.`
    : `${a.name}: ${a.from ?? '?'} → ${a.to} units, one per class. Its old weights no longer fit and are not loaded; every other layer keeps its own.`;

export function AdaptToDataset({ disabled }: { disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const adapt = async () => {
    setBusy(true);
    try {
      const a = await adaptToTrainingDataset();
      setDone(a ? said(a) : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="adapt-head">
      <button type="button" className="button" disabled={disabled || busy} onClick={() => void adapt()} title="Resize the last Dense layer to this dataset's classes, for fine-tuning a pretrained network">
        {busy ? 'Counting classes…' : 'Adapt to dataset'}
      </button>
      {done ? (
        <small className="setting__help" role="status">
          {done}
        </small>
      ) : null}
    </div>
  );
}
