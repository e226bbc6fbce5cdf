/**
 * Save and open: a saved document opens again as the same graph, and a file that is not JSON or
 * not a Netwright document is refused with its specific reason while the open one stays.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';

const session = useApp();

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

/** Click Save and return the downloaded file's name and text. */
async function save(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

/** Click Open… and choose a file with this name and text. */
async function open(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a saved document opens again as the same graph', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').getByText('Conv2D 6@5×5 → 28×28×6').waitFor();
  await status(page).getByText('61,706 parameters').waitFor();
  await page.getByRole('textbox', { name: 'Document name' }).fill('Round trip');

  const saved = await save(page);
  expect(saved.name).toBe('Round trip.netwright.json');
  const doc = JSON.parse(saved.text);
  expect(doc).toMatchObject({ format: 'netwright', name: 'Round trip' });
  expect(doc.graph.nodes).toHaveLength(9);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await status(page).getByText('0 parameters').waitFor();
  expect(await page.locator('.react-flow__node').count()).toBe(0);

  await open(page, saved.name, saved.text);
  await status(page).getByText('61,706 parameters').waitFor();
  await status(page).getByText('9 layers').waitFor();
  await node(page, 'Conv2D C1').getByText('Conv2D 6@5×5 → 28×28×6').waitFor();
  // The canvas draws only what is in view; the summary lists every layer.
  await page.getByRole('tab', { name: 'Summary' }).click();
  const summary = page.getByRole('region', { name: 'Summary' }).getByRole('table', { name: 'Layers' });
  expect(await summary.locator('tbody tr').count()).toBe(9);
  await summary.getByRole('row', { name: /^Output Dense 10 850 / }).waitFor();
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect.poll(() => page.getByRole('textbox', { name: 'Document name' }).inputValue()).toBe('Round trip');
  expect((await save(page)).text).toBe(saved.text);
});

test('an invalid file shows why, and the open document stays untouched', async () => {
  const { page } = session.app;
  await status(page).getByText('61,706 parameters').waitFor();
  const before = (await save(page)).text;
  const alert = page.getByRole('alert');

  await open(page, 'notes.json', 'this is { not JSON');
  await alert.getByText('Could not open notes.json: The file is not JSON', { exact: false }).waitFor();

  await open(page, 'other.json', JSON.stringify({ format: 'keras', layers: [] }));
  await alert.getByText('Could not open other.json: This is not a Netwright document (its "format" is not "netwright").').waitFor();

  await open(page, 'future.json', before.replace(/"version": \d+/, '"version": 99'));
  await alert.getByText('The document is version 99, newer than this app understands', { exact: false }).waitFor();

  const dangling = JSON.parse(before);
  dangling.graph.edges[0].target = 'nowhere';
  await open(page, 'dangling.json', JSON.stringify(dangling));
  await alert.getByText('points to a node "nowhere" that does not exist', { exact: false }).waitFor();

  await status(page).getByText('9 layers').waitFor();
  await status(page).getByText('61,706 parameters').waitFor();
  expect((await save(page)).text).toBe(before);

  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await alert.waitFor({ state: 'detached' });
  expect(session.app.errors).toEqual([]);
});
