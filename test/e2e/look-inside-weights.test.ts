/**
 * Looking inside weights the tfjs engine did not train, from the UI. Loaded weights: ResNet-20
 * (CIFAR) from the gallery, a state_dict for it written by Netwright's own .pth writer, loaded in
 * the Summary tab's Predict section;
 * Look inside… opens the Runs view's pane for the document with those weights (an image only, no
 * validation sample): a photo's feature maps of the first convolution and Grad-CAM, computed by
 * the API's `explain` in a trainer process. Then a LeNet-5 run of the torch engine: its Evaluate
 * view does not evaluate (evaluation reads tfjs models) but looks inside its model.pt, C1's 6 maps.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, test } from 'vitest';
import { writePth } from '../../shared/weights/pth';
import { pythonHas } from '../unit/codegen/python';
import { describeWhen } from '../skip';
import { node } from './canvas';
import { openTemplate } from './gallery';
import { useApp } from './harness';
import { stateDictOf } from './stateDicts';
import { training } from './trainingPanel';

const session = useApp();
const dir = mkdtempSync(join(tmpdir(), 'netwright-e2e-predict-look-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('Look inside the loaded weights: a photo\'s feature maps and Grad-CAM', async () => {
  const { page } = session.app;
  writeFileSync(join(dir, 'resnet20.pth'), writePth(stateDictOf('resnet20-cifar')));
  const pixels = Buffer.from(Array.from({ length: 48 * 40 * 3 }, (_, i) => (i * 29) % 256));
  writeFileSync(join(dir, 'photo.png'), await sharp(pixels, { raw: { width: 48, height: 40, channels: 3 } }).png().toBuffer());

  await openTemplate(page, 'ResNet-20 (CIFAR)');
  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Summary' }).click();
  const section = page.getByRole('region', { name: 'Predict' });
  await section.getByText('A PyTorch .pth or a safetensors file', { exact: false }).waitFor();
  expect(await section.getByRole('button', { name: 'Look inside…' }).count()).toBe(0);

  await section.getByLabel('Load weights from a file…').setInputFiles(join(dir, 'resnet20.pth'));
  await section.getByText(/^resnet20\.pth \(.+\) loaded\./).waitFor();
  await section.getByRole('button', { name: 'Look inside…' }).click();
  const look = section.getByRole('region', { name: 'Look inside' });
  expect(await look.getByLabel('Validation sample').count()).toBe(0);
  await look.getByLabel('An image').setInputFiles(join(dir, 'photo.png'));
  await look.getByText('photo.png, prepared as Predict prepares a photo').waitFor();
  await look.getByRole('button', { name: 'Feature maps' }).click();
  await look.getByRole('img', { name: 'The image as the network sees it' }).waitFor({ timeout: 120_000 });
  await look.getByText(/^predicted class \d \([01]\.\d{3}\)$/).waitFor();
  const first = (await look.getByRole('combobox', { name: 'Layer' }).getByRole('option').allTextContents())[1]!;
  expect(first).toMatch(/ \(32×32×16\)$/);
  const name = first.replace(/ \(.*$/, '');
  await look.getByRole('img', { name: `Activation maps of ${name}` }).waitFor();
  await look.getByText(new RegExp(`^${name}: 16 channels, each scaled to its own range`)).waitFor();

  await look.getByRole('button', { name: 'Grad-CAM' }).click();
  await look.getByRole('img', { name: /^Grad-CAM of \S+ for class \d$/ }).waitFor({ timeout: 120_000 });
  expect(await look.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});

describeWhen(pythonHas('torch'), 'torch')('a torch run', () => {
  test("its Evaluate view looks inside model.pt: C1's 6 maps", async () => {
    const { page } = session.app;
    const dockTab = (name: string) => page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name });
    await openTemplate(page, 'LeNet-5');
    await node(page, 'Conv2D C1').waitFor();
    await dockTab('Training').click();
    await training(page).getByRole('combobox', { name: 'Engine' }).selectOption('torch');
    await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await training(page).getByRole('button', { name: 'Train' }).click();
    await training(page).getByRole('status').getByText('Done').waitFor({ timeout: 300_000 });
    await dockTab('Runs').click();
    const runs = page.getByRole('region', { name: 'Run history' });
    await runs.getByRole('row', { name: /^LeNet-5 · / }).first().getByRole('button', { name: 'Evaluate…' }).click();
    await runs.getByText('Evaluate is for tfjs runs: this torch run keeps a PyTorch model.pt. Look inside below reads it.').waitFor();
    expect(await runs.getByRole('button', { name: 'Evaluate', exact: true }).isDisabled()).toBe(true);
    const look = runs.getByRole('region', { name: 'Look inside' });
    await look.getByRole('button', { name: 'Feature maps' }).click();
    await look.getByRole('img', { name: 'Activation maps of C1' }).waitFor({ timeout: 120_000 });
    await look.getByText(/^label \d · predicted \d \([01]\.\d{3}\)$/).waitFor();
    await look.getByText('C1: 6 channels, each scaled to its own range · point at a tile').waitFor();
    expect(await look.getByRole('alert').count()).toBe(0);
    expect(session.app.errors).toEqual([]);
  }, 480_000);
});
