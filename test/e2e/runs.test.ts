/**
 * The run history from the UI: two short runs of LeNet-5 (the second with a wider C1, its speed
 * measured first), then in the Runs tab both curves overlaid, the second named by what changed,
 * the architecture diff naming the changed layer, a run's recorded confusion matrix in the
 * Results tab, its saved weights evaluated and downloaded, a run deleted, the other renamed with
 * a note, and the Results tab showing it after a run stopped before its first epoch. The server
 * keeps its run history in the app's own fresh data folder (harness).
 */
import type { Download, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';
import { training } from './trainingPanel';

/** Three epochs of LeNet-5 and an evaluation, on a machine that may be busy: well over the default. */
const TRAINING_TEST_TIMEOUT = 480_000;

const session = useApp();

const history = (page: Page) => page.getByRole('region', { name: 'Run history' });
const dockTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name });

/** Train the open document for a few epochs and wait until the run is done. */
async function train(page: Page, epochs: number) {
  await dockTab(page, 'Training').click();
  await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill(String(epochs));
  await training(page).getByRole('button', { name: 'Train' }).click();
  await training(page).getByRole('status').getByText('Done').waitFor({ timeout: 240_000 });
}

test('two runs: overlay their curves, diff their architectures, open a confusion matrix, evaluate, save and delete', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();

  // The current run's results follow its epochs; an earlier one can be picked.
  await train(page, 2);
  await dockTab(page, 'Results').click();
  const results = page.getByRole('region', { name: 'Results' });
  await results.getByRole('heading', { name: 'Results · current run' }).waitFor();
  const matrix = results.getByRole('table', { name: 'Confusion matrix' });
  // A header row and one row per digit, a header column and one column per digit.
  expect(await matrix.getByRole('row').count()).toBe(11);
  expect(await matrix.getByRole('row').nth(1).getByRole('cell').count()).toBe(10);
  expect(await results.getByRole('table', { name: 'Accuracy per class' }).getByRole('row').count()).toBe(11);
  expect(await results.getByRole('list', { name: 'Validation samples' }).getByRole('img').count()).toBeGreaterThan(0);
  const epochPicker = results.getByRole('combobox', { name: 'Epoch' });
  await expect.poll(() => epochPicker.inputValue()).toBe('2');
  expect(await epochPicker.getByRole('option').allTextContents()).toEqual(['1', expect.stringMatching(/^2 \(latest\)/)]);
  await epochPicker.selectOption('1');
  expect(await matrix.getByRole('row').count()).toBe(11);

  // Without a measured speed, the panel says how long an epoch took.
  await dockTab(page, 'Training').click();
  await training(page).getByText(/^Took .+ an epoch/).waitFor();

  // The second run trains a wider first convolution, its speed measured first.
  await node(page, 'Conv2D C1').locator('.layer-node__line').click();
  await page.getByRole('form', { name: 'Conv2D settings' }).getByRole('spinbutton', { name: 'Filters' }).fill('8');
  await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  await training(page).getByRole('button', { name: 'Measure speed' }).click();
  await training(page).getByRole('region', { name: 'Estimate' }).getByText(/ per epoch · [\d,]+ samples\/s \(tfjs · wasm/).waitFor({ timeout: 120_000 });
  await train(page, 1);
  await training(page).getByText(/^Speed: estimated .+, took .+ an epoch: /).waitFor();

  await dockTab(page, 'Runs').click();
  const runs = history(page);
  const rows = runs.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^LeNet-5 · / });
  await expect.poll(() => rows.count()).toBe(2);
  await expect.poll(() => runs.getByRole('cell', { name: 'Done', exact: true }).count()).toBe(2);
  // Named by what differs from the run before; the first by its optimizer.
  await rows.nth(0).getByText('LeNet-5 · network changed (1 layer) · 1 epoch', { exact: true }).waitFor();
  await rows.nth(1).getByText('LeNet-5 · SGD lr 0.05 momentum 0.9', { exact: true }).waitFor();
  // The second run's epoch time beside its estimate.
  await rows.nth(0).getByText(/^\(est\. .+\)$/).waitFor();

  const boxes = runs.getByRole('checkbox', { name: /^Select LeNet-5 · / });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const loss = runs.getByRole('figure').filter({ has: page.getByRole('img', { name: 'Loss per epoch chart' }) });
  await loss.waitFor();
  // Per run a training and a validation series.
  expect(await loss.getByText(/^LeNet-5 · .* train$/).count()).toBe(2);
  expect(await loss.getByText(/^LeNet-5 · .* validation$/).count()).toBe(2);
  await runs.getByRole('img', { name: 'Accuracy per epoch chart' }).waitFor();

  await runs.getByRole('button', { name: 'Compare architectures' }).click();
  const diff = runs.getByRole('region', { name: 'Architecture diff' });
  await diff.getByRole('listitem').filter({ hasText: 'Conv2D C1: filters 6 → 8' }).waitFor();
  expect(await diff.getByRole('list', { name: 'Layers' }).getByRole('listitem').count()).toBe(1);
  await diff.getByRole('list', { name: 'Training settings' }).getByText('epochs 2 → 1').waitFor();

  // A past run's recorded confusion matrix: the first run (listed last, newest first).
  await rows.nth(1).getByRole('button', { name: 'Results' }).click();
  expect(await dockTab(page, 'Results').getAttribute('aria-selected')).toBe('true');
  await results.getByRole('heading', { name: /^Results · LeNet-5 · / }).waitFor();
  expect(await results.getByRole('table', { name: 'Confusion matrix' }).getByRole('row').count()).toBe(11);
  await results.getByRole('button', { name: 'Show the current run' }).click();
  await results.getByRole('heading', { name: 'Results · current run' }).waitFor();

  // Its saved weights, evaluated again in a trainer process.
  await dockTab(page, 'Runs').click();
  await rows.nth(1).getByRole('button', { name: 'Evaluate…' }).click();
  const evaluate = runs.getByRole('region', { name: 'Evaluate' });
  await expect.poll(() => evaluate.getByRole('textbox', { name: 'Dataset' }).inputValue()).toBe('mnist');
  await evaluate.getByRole('button', { name: 'Evaluate' }).click();
  await evaluate.getByRole('status').getByText(/^Accuracy \d+\.\d% · loss \d\.\d+ on 2,000 validation images of MNIST/).waitFor({ timeout: 120_000 });
  expect(await evaluate.getByRole('table', { name: 'Confusion matrix' }).getByRole('row').count()).toBe(11);

  // Save model: the three files of the TensorFlow.js format (plus Netwright's description).
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await rows.nth(1).getByRole('button', { name: 'Save model' }).click();
  await runs.getByRole('status').getByText('Downloaded model.json, weights.bin and netwright.json.', { exact: false }).waitFor();
  await expect.poll(() => downloads.map((d) => d.suggestedFilename()).sort()).toEqual(['model.json', 'netwright.json', 'weights.bin']);

  await rows.nth(0).getByRole('button', { name: 'Delete', exact: true }).click();
  await rows.nth(0).getByRole('button', { name: 'Keep' }).click();
  expect(await rows.count()).toBe(2);
  await rows.nth(0).getByRole('button', { name: 'Delete', exact: true }).click();
  await rows.nth(0).getByRole('button', { name: 'Delete with its weights' }).click();
  await expect.poll(() => rows.count()).toBe(1);
  expect(await runs.getByRole('button', { name: 'Compare architectures' }).isDisabled()).toBe(true);

  // Rename the run that is left, with a note.
  await rows.nth(0).getByRole('button', { name: 'Rename LeNet-5 · SGD lr 0.05 momentum 0.9' }).click();
  await runs.getByRole('textbox', { name: 'Run name' }).fill('Baseline');
  await runs.getByRole('textbox', { name: 'Note' }).fill('six filters in C1');
  await runs.getByRole('button', { name: 'Save', exact: true }).click();
  const renamed = runs.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^Baseline · / });
  await renamed.getByText('six filters in C1').waitFor();

  // A run stopped before its first epoch has no results: the Results tab shows the latest run that has.
  await dockTab(page, 'Training').click();
  await training(page).getByRole('button', { name: 'Train' }).click();
  await training(page).getByRole('button', { name: 'Stop' }).click();
  await training(page).getByRole('status').getByText('Stopped').waitFor({ timeout: 120_000 });
  await dockTab(page, 'Results').click();
  await results.getByRole('heading', { name: /^Results · Baseline · .* \(the latest run with results\)$/ }).waitFor();
  expect(await results.getByRole('table', { name: 'Confusion matrix' }).getByRole('row').count()).toBe(11);
  expect(session.app.errors).toEqual([]);
}, TRAINING_TEST_TIMEOUT);
