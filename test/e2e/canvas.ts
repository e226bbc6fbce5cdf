/**
 * What a user does on the canvas, as steps for the end-to-end tests: drop a layer from the
 * palette, find a node by its accessible name, wire two nodes, edit a parameter.
 */
import type { Locator, Page } from 'playwright-core';

/** The palette entry of a layer kind: `paletteItem(page, 'Conv2D')`. */
export const paletteItem = (page: Page, title: string) => page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: title, exact: true });

export const canvas = (page: Page) => page.getByRole('main', { name: 'Canvas' });

/** Drag a layer from the palette and drop it at (x, y) inside the canvas. */
export async function dropLayer(page: Page, title: string, at: { x: number; y: number }): Promise<void> {
  await paletteItem(page, title).dragTo(canvas(page), { targetPosition: at });
}

/** A node on the canvas by its accessible name ("Conv2D C1"), or by a pattern. */
export const node = (page: Page, name: string | RegExp) => page.getByRole('group', { name, exact: typeof name === 'string' }).and(page.locator('.react-flow__node'));

/** An edge on the canvas; its accessible name is "<from> to <to>: <shape>". */
export const edge = (page: Page, name: string | RegExp) => page.getByRole('group', { name }).and(page.locator('.react-flow__edge'));

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const box = await l.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drag from the output handle of `from` to input `port` of `to`, as a user wires two layers. */
export async function connect(page: Page, from: Locator, to: Locator, port = 0): Promise<void> {
  const a = await centre(from.locator('.react-flow__handle.source'));
  const b = await centre(to.locator(`.react-flow__handle.target[data-handleid="in-${port}"]`));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** The inspector's form for the selected layer. */
export const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

/** Select a node by clicking its title line. */
export async function select(n: Locator): Promise<void> {
  await n.locator('.layer-node__line').click();
}

/** Type a value into the inspector field labelled `label`. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  await inspector(page).getByLabel(label, { exact: true }).fill(value);
}
