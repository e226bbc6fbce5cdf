/**
 * The Experiment tab: two tiny document files trained one after another with one set of
 * settings; the table fills in, the chart overlays two
 * networks (a bold validation line and a thin training line each) and saves as SVG, and
 * Overlay in Runs ticks both runs in the Runs tab, each tagged with the experiment. Bad settings
 * are refused in one line. The Degradation preset's card says what
 * the paper observed and, with no CIFAR-10 in the cache, which substitute it trains on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tinyConvDoc, tinyDoc } from '../unit/node/tinyDoc';
import { useApp } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'netwright-e2e-experiment-'));
const files = [join(dir, 'dense.netwright.json'), join(dir, 'conv.netwright.json')];
writeFileSync(files[0]!, JSON.stringify(tinyDoc()));
writeFileSync(files[1]!, JSON.stringify(tinyConvDoc()));

const session = useApp();

test('an experiment of two documents trains both and overlays their curves in one chart', async () => {
  const { page } = session.app;
  await page.getByRole('tab', { name: 'Experiment' }).click();
  const panel = page.getByRole('region', { name: 'Experiment' });

  const preset = panel.getByRole('article', { name: 'Degradation (He et al. 2015, Fig. 1)' });
  await preset.waitFor();
  expect(await preset.innerText()).toContain('the 56-layer plain net has higher training error');
  expect(await preset.innerText()).toContain("CIFAR-10 is not in the data folder's cache, so this trains on synthetic 32×32×3, 10 classes instead");

  // Bad settings are refused in one line that names the field.
  await panel.getByLabel('Epochs').fill('0');
  await panel.getByRole('button', { name: 'Start' }).click();
  expect(await panel.getByRole('alert').innerText()).toMatch(/^epochs: /);

  await panel.getByRole('checkbox').uncheck();
  await panel.getByLabel('Add document files').setInputFiles(files);
  await panel.getByLabel('Name', { exact: true }).fill('Dense or conv');
  await panel.getByLabel('Dataset').fill('synthetic:8:2:1');
  await panel.getByLabel('Epochs').fill('2');
  await panel.getByLabel('Batch size').fill('25');
  await panel.getByLabel('Training samples (blank: all)').fill('200');
  await panel.getByRole('button', { name: 'Start' }).click();

  const chart = panel.locator('[data-chart="experiment-curves"] svg');
  const table = panel.getByRole('table');
  await table.getByRole('cell', { name: 'Done' }).nth(1).waitFor({ timeout: 120_000 });
  expect(await table.locator('tbody td:first-child').allInnerTexts()).toEqual(['dense', 'conv']);
  expect(await table.locator('tbody td:nth-child(2)').allInnerTexts()).toEqual(['130', '166']);
  expect(await chart.locator('path.series.val').count()).toBe(2);
  expect(await chart.locator('path.series.train').count()).toBe(2);
  expect(await chart.locator('path.series.val').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')))).toEqual(['#1f77b4', '#d62728']);
  expect(await chart.locator('text.legend').allTextContents()).toEqual(['dense', 'conv']);
  expect(await panel.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save experiment-curves as SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  expect(svg.match(/class="series val"/g)).toHaveLength(2);

  // Overlay in Runs ticks the experiment's two runs, each tagged with it.
  await panel.getByRole('button', { name: 'Overlay in Runs' }).click();
  const runs = page.getByRole('table', { name: 'Runs' });
  await runs.getByText('Dense or conv · network 2').waitFor();
  expect(await runs.getByText(/^Dense or conv · network \d$/).count()).toBe(2);
  expect(await runs.locator('tr.runs__row--ticked').count()).toBe(2);
  expect(session.app.errors).toEqual([]);
}, 200_000);
