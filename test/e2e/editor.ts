/**
 * Editor steps for the end-to-end tests: the toolbar's Undo and Redo, the canvas's empty
 * background, the quick-add box and the count of layers drawn.
 */
import type { Page } from 'playwright-core';
import { canvas } from './canvas';

export const undoButton = (page: Page) => page.getByRole('navigation', { name: 'Edit' }).getByRole('button', { name: 'Undo' });
export const redoButton = (page: Page) => page.getByRole('navigation', { name: 'Edit' }).getByRole('button', { name: 'Redo' });

/**
 * Close the template gallery that greets a window with nothing open (the editor tests start from
 * an empty canvas). It comes once the start-up is settled (after the restore offer, if any).
 */
export async function dismissGallery(page: Page): Promise<void> {
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.waitFor();
  await page.keyboard.press('Escape');
  await gallery.waitFor({ state: 'detached' });
}

/** The question before unsaved edits are replaced: Save, Don't save, Cancel. */
export const unsavedDialog = (page: Page) => page.getByRole('dialog', { name: /^Save changes to / });

/** Whether the open document has unsaved edits: the window's title starts with the marker. */
export const isModified = async (page: Page): Promise<boolean> => (await page.title()).startsWith('• ');

/**
 * Do something that replaces the document (New, a template, Open…) and, when the open one has
 * unsaved edits, answer the question about them (by default: "Don’t save").
 */
export async function replacing(page: Page, act: () => Promise<void>, answer = 'Don’t save'): Promise<void> {
  const asks = await isModified(page);
  await act();
  if (asks) await unsavedDialog(page).getByRole('button', { name: answer, exact: true }).click();
}

/** Start from an empty document: the toolbar's New (giving up unsaved edits). */
export async function newDocument(page: Page): Promise<void> {
  await replacing(page, () => page.getByRole('button', { name: 'New', exact: true }).click());
  await waitForLayers(page, 0);
}

/** How many layers the canvas shows. */
export const layerCount = (page: Page) => page.locator('.react-flow__node').count();

/** Wait until the canvas shows `n` layers. */
export async function waitForLayers(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelectorAll('.react-flow__node').length === want, n);
}

/** Click the empty canvas at (x, y) (relative to the canvas): clears the selection and focus. */
export async function clickPane(page: Page, at = { x: 30, y: 300 }): Promise<void> {
  await canvas(page).locator('.react-flow__pane').click({ position: at });
}

/** Open quick add with `/`, type `query` and press Enter. */
export async function quickAdd(page: Page, query: string): Promise<void> {
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Add layer' });
  await box.fill(query);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'detached' });
}
