/**
 * Whether the document has unsaved edits, as the title and the questions before replacing it
 * see it: an edit marks it, Save clears it, and so does undoing back to the saved state; a
 * restored or imported document is unsaved work from the start. One question at a time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/graph/schema';
import { lenet5 } from '../../../shared/templates/lenet5';
import { windowTitle } from '../../../renderer/src/files/title';
import { breakEditGroup } from '../../../renderer/src/store/history';
import { documentLabel, isModified, useApp } from '../../../renderer/src/store/store';
import { useUi } from '../../../renderer/src/store/ui';

const store = () => useApp.getState();
const undo = () => useApp.temporal.getState().undo();

beforeEach(() => store().replaceDocument(emptyDocument()));

describe('unsaved edits', () => {
  it('a new or opened document has none; an edit makes some; Save clears them; undoing back to the saved state clears them too', () => {
    expect(isModified(store())).toBe(false);
    store().rename('Mine');
    expect(isModified(store())).toBe(true);
    store().markSaved(store().doc, { name: 'Mine.netwright.json', path: '/nets/Mine.netwright.json' });
    expect([isModified(store()), store().file?.path]).toEqual([false, '/nets/Mine.netwright.json']);
    breakEditGroup(); // the name field lost focus: the next rename is a step of its own
    store().rename('Mine, again');
    expect(isModified(store())).toBe(true);
    undo();
    expect(isModified(store())).toBe(false);
    undo();
    expect(isModified(store())).toBe(true); // before the save
  });

  it('a restored or imported document is unsaved work; a new one forgets the file', () => {
    store().replaceDocument(lenet5(), { file: { name: 'a.netwright.json', path: '/a.netwright.json' }, unsaved: true });
    expect([isModified(store()), documentLabel(store())]).toEqual([true, 'a.netwright.json']);
    store().replaceDocument(emptyDocument());
    expect([isModified(store()), store().file, documentLabel(store())]).toEqual([false, null, 'Untitled']);
  });

  it('the title carries the marker while there are some', () => {
    expect(windowTitle('LeNet-5', true)).toBe('• LeNet-5 — Netwright');
    expect(windowTitle('a.netwright.json', false)).toBe('a.netwright.json — Netwright');
  });
});

describe('the question about unsaved changes', () => {
  it('is answered once, and a second question cancels the first', async () => {
    const first = useUi.getState().askUnsaved('a');
    const second = useUi.getState().askUnsaved('b');
    await expect(first).resolves.toBe('cancel');
    expect(useUi.getState().unsaved?.name).toBe('b');
    useUi.getState().unsaved!.answer('discard');
    await expect(second).resolves.toBe('discard');
    expect(useUi.getState().unsaved).toBeNull();
  });

  it('closes the overlays that were open, so only one dialog shows', () => {
    useUi.getState().setHelp(true);
    void useUi.getState().askUnsaved('a');
    expect(useUi.getState().help).toBe(false);
    useUi.getState().unsaved!.answer('cancel');
  });
});
