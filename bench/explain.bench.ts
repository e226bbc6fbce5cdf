/**
 * Looking inside ResNet-18 at 224×224 (`npm run bench explain`): every layer's statistics and
 * maps for one photo, in this process once the model is open (the forward pass alone, then with
 * every layer's map grid drawn, then Grad-CAM on the last convolution), and through `runs.explain`'s
 * trainer job as the app starts it (a fresh process that loads the 45 MiB of weights). The bar is
 * every layer's maps in 2 s; nothing passes or fails on time. Weights are fresh (a saved model
 * of the template), which costs what trained ones do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildTemplate } from '../shared/templates/index';
import { pickBackend } from '../node/engine/backend/choose';
import { saveModel } from '../node/engine/loop/checkpoint';
import { explainImage, imagePixels, openExplainer } from '../node/engine/loop/explain';
import { compileDocument } from '../node/engine/model/compile';
import { runExplain } from '../node/engine/process/jobs';
import { median } from './measure';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'netwright-explain-bench-'));
const doc = buildTemplate('resnet18')!;
const backend = await pickBackend();
const model = compileDocument(doc);
const shape = model.inputs[0]!.shape.slice(1) as [number, number, number];
await saveModel(model, dir, {
  format: 'netwright-model', version: 1, name: doc.name, dataset: 'synthetic:224:1000', seed: 1, validationSplit: 0.1,
  inputShape: shape, classNames: Array.from({ length: 1000 }, (_, k) => `class ${k}`), normalization: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, probabilities: false, epoch: 0,
});
model.dispose();

// A photo-like picture: smooth colour gradients with a bright disc.
const [h, w] = shape;
const raw = Buffer.alloc(h * w * 3);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
  const disc = (y - h / 2) ** 2 + (x - w / 3) ** 2 < (h / 5) ** 2 ? 120 : 0;
  raw.set([Math.min(255, x + disc), Math.min(255, y + disc), (x + y) >> 1], (y * w + x) * 3);
}
const png = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();

const seconds = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

const ex = await openExplainer(dir, doc);
const pixels = await imagePixels(ex, png);
await explainImage(ex, pixels); // warm-up: kernels compiled, buffers allocated
const rows: [string, number[]][] = [['statistics of every layer (one forward pass)', []], ['…and every layer\'s maps as PNG grids', []], ['…and Grad-CAM on the last convolution', []], ['runs.explain job: new trainer process, model loaded, every map', []]];
for (let r = 0; r < ROUNDS; r++) {
  rows[0]![1].push(await seconds(() => explainImage(ex, pixels)));
  rows[1]![1].push(await seconds(() => explainImage(ex, pixels, { maps: 'all' })));
  rows[2]![1].push(await seconds(() => explainImage(ex, pixels, { gradcam: {} })));
  rows[3]![1].push(await seconds(() => runExplain({ type: 'explain', dir, weights: 'final', doc, image: { base64: png.toString('base64') }, maps: 'all' })));
}
const mapped = await explainImage(ex, pixels, { maps: 'all' });
ex.dispose();
rmSync(dir, { recursive: true, force: true });

console.log('\n## Looking inside ResNet-18 at 224×224 — `npm run bench explain`\n');
console.log(`${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · backend ${backend} · ${ex.layers.length} layers, ${mapped.maps.length} with maps (${mapped.maps.reduce((n, m) => n + m.grid.count, 0).toLocaleString('en-US')} tiles) · median of ${ROUNDS}\n`);
console.log('| What | seconds |');
console.log('|---|---:|');
for (const [what, times] of rows) console.log(`| ${what} | ${median(times).toFixed(2)} |`);
