/**
 * Importing an ONNX model from the Import button: a LeNet-5 written by Debian's PyTorch
 * (torch.onnx.export, fixed seed) opens as its graph with 61,706 parameters, its weights loaded for
 * the document (the Predict section names them) and kept in the data folder, so that the Export
 * dialog's ONNX file with "Imported with the model" computes what PyTorch's file computes, and a
 * run starts from them (the Training panel's Start from chooses them). A file
 * with an unsupported operator gives the CLI's line for it, and the open document stays.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importOnnxBytes } from '../../node/onnx-import';
import { relativeError, values } from '../unit/engine/compare';
import { onnxFile } from '../unit/importers/onnxFiles';
import { python, pythonHas } from '../unit/codegen/python';
import { describeWhen } from '../skip';
import { node } from './canvas';
import { useApp } from './harness';
import { training } from './trainingPanel';

const hasTorch = pythonHas('torch', 'onnx');
const dir = mkdtempSync(join(tmpdir(), 'netwright-e2e-import-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** LeNet-5 on 32×32 grey images, as PyTorch writes it to ONNX. */
const EXPORT = `
import sys, torch
from torch import nn
torch.manual_seed(3)
net = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)).eval()
torch.onnx.export(net, torch.zeros(1, 1, 32, 32), sys.argv[1], opset_version=13, input_names=["image"], output_names=["logits"])
`;

/** The first output of an ONNX file for one 1×1×32×32 input (values from `seed`). */
async function outputOf(bytes: Uint8Array, seed = 5): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const got = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', values(32 * 32, seed), [1, 1, 32, 32]) });
    return got[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describeWhen(hasTorch, 'torch')('Import an ONNX model', () => {
  const session = useApp();
  const path = join(dir, 'lenet5.onnx');
  beforeAll(async () => {
    const run = await python(['-c', EXPORT, path]);
    if (run.code !== 0) throw new Error(run.err);
  }, 120_000);

  test('opens the graph with its parameter count and weights, which Predict and the ONNX export use', async () => {
    const { page } = session.app;
    const bytes = new Uint8Array(readFileSync(path));
    // The document the CLI's import makes of the same file: the summary lists each of its layers
    // (the canvas draws only those in view).
    const expected = importOnnxBytes(bytes, 'lenet5.onnx').doc;
    const first = expected.graph.nodes.find((n) => n.kind === 'Conv2D')!;
    await page.getByLabel('Import model').setInputFiles(path);
    await node(page, `Conv2D ${first.label}`).getByText('Conv2D 6@5×5 → 28×28×6').waitFor();
    await page.getByText('61,706 parameters').first().waitFor();
    await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Summary' }).click();
    const summary = page.getByRole('region', { name: 'Summary' }).getByRole('table', { name: 'Layers' });
    expect(await summary.locator('tbody tr').count()).toBe(expected.graph.nodes.length);
    for (const n of expected.graph.nodes) await summary.getByRole('row', { name: new RegExp(`^${(n.label ?? n.id).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${n.kind} `) }).waitFor();

    // Kept in the data folder, and loaded for the document as Predict's weights.
    const kept = readdirSync(join(session.app.dataDir, 'imported'));
    expect(kept).toHaveLength(1);
    expect(readdirSync(join(session.app.dataDir, 'imported', kept[0]!)).sort()).toEqual(['lenet5.netwright.json', 'lenet5.safetensors']);
    await page.getByRole('region', { name: 'Predict' }).getByText(/^lenet5\.safetensors \(.+\) loaded\./).waitFor();

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('onnx');
    await expect.poll(() => dialog.getByLabel('Weights').inputValue()).toBe(`imported:${kept[0]}`);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const exported = new Uint8Array(readFileSync((await (await download).path())!));
    expect(relativeError(await outputOf(exported), await outputOf(bytes))).toBeLessThan(1e-4);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A run of the imported network starts from its weights.
    await page.getByRole('tab', { name: 'Training' }).click();
    const settings = training(page).getByRole('form', { name: 'Run settings' });
    const startFrom = settings.getByRole('combobox', { name: 'Start from' });
    await expect.poll(() => startFrom.inputValue()).toBe('imported');
    expect(await startFrom.locator('option:checked').textContent()).toBe('lenet5.safetensors (imported with the model)');
    await settings.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Synthetic images' });
    const epochs = training(page).getByRole('spinbutton', { name: 'Epochs' });
    await epochs.fill('1');
    await epochs.blur();
    await training(page).getByRole('button', { name: 'Train' }).click();
    await training(page).getByRole('status').getByText('Done').waitFor({ timeout: 120_000 });
    const [run] = readdirSync(join(session.app.dataDir, 'runs')).filter((f) => !f.includes('.'));
    expect(readFileSync(join(session.app.dataDir, 'runs', run!, 'events.jsonl'), 'utf8')).toContain('"message":"Started from lenet5.safetensors: 5 layers loaded."');
    expect(session.app.errors).toEqual([]);
  }, 240_000);

  test('an unsupported operator is named in one line, and the open document stays', async () => {
    const { page } = session.app;
    const bad = join(dir, 'gelu.onnx');
    writeFileSync(bad, onnxFile([{ opType: 'Erf', name: 'erf1', inputs: ['x'], outputs: ['y'], attributes: {} }], [], [1, 3, 8, 8], [1, 3, 8, 8]));
    const before = await page.locator('.react-flow__node').count();
    await page.getByLabel('Import model').setInputFiles(bad);
    const alert = page.getByRole('alert');
    await alert.getByText('Could not import gelu.onnx: Erf is not supported (node "erf1")', { exact: true }).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(before);
    await page.getByText('61,706 parameters').first().waitFor();
  });
});
