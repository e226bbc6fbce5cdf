/**
 * Applying a layer's one-click fix by its label, as the node's own fix menu, the problems list
 * and the inspector offer it: the fix is looked up in the current inference, so a button
 * rendered before an edit never applies a fix that no longer fits.
 */
import { scopeInference } from '../../../shared/document/scope';
import { useApp } from '../store/store';

/** Apply the fix labelled `label` to node `id` (one undo step); false when it has no such fix now. */
export function applyFixNamed(id: string, label: string): boolean {
  const s = useApp.getState();
  const fix = scopeInference(s.doc, s.scope).nodes[id]?.error?.fixes.find((f) => f.label === label);
  if (!fix) return false;
  s.applyFix(id, fix);
  return true;
}
