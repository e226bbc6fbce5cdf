/**
 * "Save changes to “LeNet-5”?" before a document with unsaved edits is replaced or its window
 * closed: Save, Don't save, or Cancel (also Escape), which changes nothing. The question is the
 * ui store's (`askUnsaved`), so commands can wait for the answer.
 */
import { useEffect, useRef } from 'react';
import { useUi, type UnsavedQuestion } from '../store/ui';

/** The dialog, while there is a question. */
export function UnsavedChanges() {
  const question = useUi((s) => s.unsaved);
  return question ? <UnsavedDialog key={question.name} question={question} /> : null;
}

function UnsavedDialog({ question }: { question: UnsavedQuestion }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog unsaved"
      aria-labelledby="unsaved-title"
      aria-describedby="unsaved-text"
      onCancel={(e) => {
        e.preventDefault();
        question.answer('cancel');
      }}
    >
      <h2 id="unsaved-title">Save changes to “{question.name}”?</h2>
      <p id="unsaved-text">Your changes will be lost if you don’t save them.</p>
      <div className="dialog__buttons">
        <button type="button" className="button button--primary" onClick={() => question.answer('save')} autoFocus>
          Save
        </button>
        <button type="button" className="button" onClick={() => question.answer('discard')}>
          Don’t save
        </button>
        <button type="button" className="button" onClick={() => question.answer('cancel')}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
