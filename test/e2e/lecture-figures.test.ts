/**
 * The summary's "Lecture figures": VGG16 opened from the gallery shows the lecture's "24M" beside
 * Netwright's 15,237,608 with the reason, and a line's click selects the layers it counts.
 */
import { expect, test } from 'vitest';
import { inspector, node } from './canvas';
import { useApp } from './harness';

const session = useApp();

test("VGG16's lecture figures: 24M against 15,237,608 with its reason; a line selects its layer", async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'VGG16', exact: true }).click();
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('138,357,544 parameters').waitFor();
  await page.getByRole('tab', { name: 'Summary' }).click();
  const lecture = page.getByRole('region', { name: 'Summary' }).getByRole('table', { name: 'Lecture figures' });
  const total = lecture.getByRole('row', { name: /^TOTAL memory / });
  expect(await total.locator('td').allInnerTexts()).toEqual([
    'TOTAL memory',
    '24M * 4 bytes ≈ 96MB / image',
    '15,237,608 (58.1 MiB)',
    "The lecture's sum is wrong: its own rows (150K + 3.2M + 3.2M + 800K + …) add up to 15.2M values, 61 MB (58 MiB) as 4-byte floats.",
  ]);
  expect(await lecture.getByRole('row', { name: /^TOTAL params / }).locator('td').allInnerTexts()).toEqual(['TOTAL params', '138M parameters', '138,357,544', 'they agree']);

  await lecture.getByRole('row', { name: /^fc6 \(FC 4096\) parameters / }).click();
  await inspector(page).getByRole('form', { name: 'Dense settings' }).waitFor();
  await expect.poll(() => inspector(page).getByLabel('Label', { exact: true }).inputValue()).toBe('fc6');
  await node(page, 'Dense fc6').locator('.layer-node--selected').waitFor();
  expect(session.app.errors).toEqual([]);
});
