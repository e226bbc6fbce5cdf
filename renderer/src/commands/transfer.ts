/**
 * Transfer-learning commands (the node menu, the Inspector, the Training panel): freeze and
 * unfreeze layers, freeze everything before one, set a learning-rate factor, and adapt the head
 * to a dataset's classes. Each is one `setState` with a pure edit (shared/document/transfer.ts),
 * so each is one undo step. They act on the top-level graph: not inside an opened block.
 */
import { api } from '../api';
import { classCount, parseDatasetSpec } from '../../../shared/datasets';
import { adaptToClasses, freezeBefore, setFrozen, setLrFactor, unfreezeAll, type Adapted } from '../../../shared/document/transfer';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { useApp } from '../store/store';

const edit = (change: (doc: NetwrightDocument) => NetwrightDocument) => useApp.setState((s) => ({ doc: change(s.doc) }));

/** Freeze (or unfreeze) these top-level nodes: `freezeNodes(['conv1'], true)`. */
export function freezeNodes(ids: readonly string[], frozen: boolean): void {
  edit((doc) => setFrozen(doc, ids, frozen));
}

/** Freeze every node before `id` (its ancestors, not `id` itself) and unfreeze the rest. */
export function freezeBeforeNode(id: string): void {
  edit((doc) => freezeBefore(doc, id));
}

/** Unfreeze every node. */
export function unfreezeEverything(): void {
  edit(unfreezeAll);
}

/** Set a node's learning-rate factor; undefined or 1 removes it. */
export function setNodeLrFactor(id: string, factor: number | undefined): void {
  edit((doc) => setLrFactor(doc, id, factor));
}

/** Resize the head (the last Dense) to `classes` units; what it did, or an alert saying why it could not. */
export function adaptHead(classes: number): Adapted | undefined {
  let adapted: Adapted | undefined;
  try {
    useApp.setState((s) => {
      const r = adaptToClasses(s.doc, classes);
      adapted = r.head;
      return { doc: r.doc };
    });
  } catch (e) {
    useApp.getState().showAlert({ source: 'app', message: `Cannot adapt to the dataset: ${(e as Error).message}` });
  }
  return adapted;
}

/**
 * How many classes a dataset spec has: from the spec itself (`cifar100:coarse` → 20), or, for a
 * folder, its class sub-folders as the service lists them (`dataset.preview`).
 */
export async function datasetClasses(spec: string): Promise<number> {
  const parsed = parseDatasetSpec(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  const known = classCount(parsed.spec);
  if (known !== undefined) return known;
  const preview = await api().call('dataset.preview', { dataset: spec, count: 1 });
  return preview.classNames.length;
}

/** "Adapt to dataset": the head gets as many units as the training dataset has classes. */
export async function adaptToTrainingDataset(): Promise<Adapted | undefined> {
  const spec = useApp.getState().doc.training.dataset;
  let classes: number;
  try {
    classes = await datasetClasses(spec);
  } catch (e) {
    useApp.getState().showAlert({ source: 'app', message: `Cannot adapt to the dataset: ${(e as Error).message}` });
    return undefined;
  }
  return adaptHead(classes);
}
