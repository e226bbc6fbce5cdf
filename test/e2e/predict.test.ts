/**
 * Pretrained weights from the UI: ResNet-20 (CIFAR) from the gallery, a state_dict for it written
 * by Netwright's own .pth writer (no Python), loaded in the Summary tab's Predict section from a
 * file, then a photo dropped on the section: the top five classes with their probabilities, and
 * the line saying how the photo was preprocessed. Weights that do not fit give one line naming
 * the tensor. A photo dropped on the canvas opens the Predict section with it (it is no document
 * to open), waits there for weights, and then gets its top five.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, test } from 'vitest';
import { writePth } from '../../shared/weights/pth';
import { dropFile } from './dropFile';
import { useApp } from './harness';
import { stateDictOf } from './stateDicts';

const session = useApp();
const dir = mkdtempSync(join(tmpdir(), 'netwright-e2e-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PNG photo, base64, of `width`×`height` made-up pixels. */
const pngPhoto = async (width: number, height: number) => {
  const pixels = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 29) % 256));
  return (await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer()).toString('base64');
};

test('load weights from a file, drop a photo, see the top five classes', async () => {
  const { page } = session.app;
  const tensors = stateDictOf('resnet20-cifar');
  writeFileSync(join(dir, 'resnet20.pth'), writePth(tensors));
  const [first, firstTensor] = [...tensors][0]!;
  writeFileSync(join(dir, 'broken.pth'), writePth(new Map([...tensors, [first, { ...firstTensor, shape: [firstTensor.shape[0]!, 3, 1, 9] }]])));
  const photo = await pngPhoto(48, 40);

  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.getByRole('button', { name: 'ResNet-20 (CIFAR)', exact: true }).click();
  await gallery.waitFor({ state: 'detached' });
  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Summary' }).click();
  const section = page.getByRole('region', { name: 'Predict' });
  await section.getByText("Resized to 256 on the short side, centre-cropped to 224, normalised with ImageNet's mean and standard deviation.").waitFor();
  const chooseImage = section.getByLabel('Choose an image…');
  expect(await chooseImage.isDisabled()).toBe(true);

  await section.getByLabel('Load weights from a file…').setInputFiles(join(dir, 'broken.pth'));
  await section.getByText('broken.pth', { exact: false }).waitFor();
  const drop = () => dropFile(page, '.predict', 'photo.png', photo);
  await drop();
  await section.getByRole('alert').getByText(`${first}: the file has (${firstTensor.shape[0]}, 3, 1, 9)`, { exact: false }).waitFor({ timeout: 60_000 });

  await section.getByLabel('Load weights from a file…').setInputFiles(join(dir, 'resnet20.pth'));
  await section.getByText(/^resnet20\.pth \(.+\) loaded\./).waitFor();
  await drop();
  const top = section.getByRole('list', { name: 'Top classes for photo.png' });
  await top.waitFor({ timeout: 60_000 });
  const rows = await top.getByRole('listitem').allTextContents();
  expect(rows).toHaveLength(5);
  for (const row of rows) expect(row).toMatch(/^class \d \d{1,3}\.\d{2} %$/);
  const percents = rows.map((r) => Number(r.match(/([\d.]+) %$/)![1]));
  expect(percents).toEqual([...percents].sort((a, b) => b - a));
  // The network's input is 32×32: the short side goes to 37 (256/224 of it), as torchvision would for a 224 one.
  await section.getByText("photo.png: 48×40, resized to 37 on the short side, centre-cropped to 32×32, normalised with ImageNet's mean and std.").waitFor();
  expect(await section.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});

test('a photo dropped on the canvas opens the Predict section with it, and is predicted once weights are loaded', async () => {
  const { page } = session.app;
  writeFileSync(join(dir, 'resnet20.pth'), writePth(stateDictOf('resnet20-cifar')));
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.getByRole('button', { name: 'ResNet-20 (CIFAR)', exact: true }).click();
  await gallery.waitFor({ state: 'detached' });
  const tabs = page.getByRole('tablist', { name: 'Bottom panel' });
  // The template has replaced the document of the test before, whose weights it no longer sees.
  await tabs.getByRole('tab', { name: 'Summary' }).click();
  await page.getByRole('region', { name: 'Predict' }).getByText('A PyTorch .pth or a safetensors file whose tensors are named as the layers are', { exact: false }).waitFor();
  await tabs.getByRole('tab', { name: 'Training' }).click();
  expect(await page.getByRole('region', { name: 'Predict' }).count()).toBe(0);

  await dropFile(page, 'main.canvas', 'canvas.png', await pngPhoto(40, 40));
  // The Summary tab opens on the Predict section, where the photo waits for weights.
  await expect.poll(() => tabs.getByRole('tab', { name: 'Summary' }).getAttribute('aria-selected')).toBe('true');
  const section = page.getByRole('region', { name: 'Predict' });
  await section.getByRole('status').getByText('canvas.png is waiting: load weights for ResNet-20 (CIFAR), and its top classes follow.').waitFor();

  await section.getByLabel('Load weights from a file…').setInputFiles(join(dir, 'resnet20.pth'));
  const top = section.getByRole('list', { name: 'Top classes for canvas.png' });
  await top.waitFor({ timeout: 60_000 });
  expect(await top.getByRole('listitem').count()).toBe(5);
  await section.getByText("canvas.png: 40×40, resized to 37 on the short side, centre-cropped to 32×32, normalised with ImageNet's mean and std.").waitFor();
  // Not taken for a document: the open one is still ResNet-20, and nothing failed.
  expect(await page.getByText('Could not open canvas.png', { exact: false }).count()).toBe(0);
  expect(await section.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});
