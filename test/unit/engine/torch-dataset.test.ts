/**
 * Both engines train on the same samples: the folder the torch engine writes for train.py holds
 * exactly the images and labels the tfjs engine's loadDataset gives (same seeded split, limit
 * and fitting; the engine's own synthetic shapes and textures), and train.py reads them back
 * channels-first, pixel for pixel.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import { sequential } from '../../../shared/templates/build';
import { loadDataset } from '../../../node/engine/data/load';
import { imageSize, type Subset } from '../../../node/engine/data/subset';
import { syntheticClassName, syntheticPool } from '../../../node/engine/data/synthetic';
import { permutation, seededRandom } from '../../../node/engine/data/random';
import { inputShape, prepareRunData } from '../../../node/engine/torch/process';
import { findTorchPythonSync } from '../../../node/engine/torch/python';
import { itWhen } from '../../skip';

const torch = findTorchPythonSync();

/** 16×16×3 synthetic images (made for 12×12, so they are resized), 3 classes. */
const doc = () => {
  const d = sequential('Small', [
    { kind: 'Input', params: { height: 16, width: 16, channels: 3 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);
  d.training = { ...d.training, dataset: 'synthetic:12:3', seed: 7, validationSplit: 0.1 };
  return d;
};

/** An IDX file's sizes and bytes. */
function readIdx(path: string): { sizes: number[]; bytes: Uint8Array } {
  const b = readFileSync(path);
  const rank = b[3]!;
  const sizes = Array.from({ length: rank }, (_, i) => b.readUInt32BE(4 + 4 * i));
  return { sizes, bytes: new Uint8Array(b.subarray(4 + 4 * rank)) };
}

const pixels = (s: Subset, size: number) => {
  const out = new Uint8Array(s.count * size);
  for (let i = 0; i < s.count; i++) s.read(i, out, i * size);
  return out;
};

describe("the torch engine's dataset", () => {
  it("is the tfjs engine's: the same split, limit, fitting and pixels, as IDX files with dataset.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-data-'));
    const info = await prepareRunData(doc(), { limit: 40 }, dir);
    const tfjs = await loadDataset('synthetic:12:3', { seed: 7, validationSplit: 0.1, input: inputShape(doc()), limit: 40 });
    expect(info).toEqual({ title: 'synthetic 12×12×3, 3 classes', classNames: ['disc, solid', 'square, solid', 'triangle, solid'], shape: [16, 16, 3], train: 40, val: 150, notes: tfjs.notes });
    expect(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8'))).toEqual(info);
    const size = imageSize([16, 16, 3]);
    for (const [part, subset] of [['train', tfjs.train], ['val', tfjs.val]] as const) {
      const images = readIdx(join(dir, `${part}-images-idx`));
      const labels = readIdx(join(dir, `${part}-labels-idx`));
      expect(images.sizes).toEqual([subset.count, 16, 16, 3]);
      expect(labels.sizes).toEqual([subset.count]);
      expect(Buffer.from(labels.bytes).equals(Buffer.from(subset.labels))).toBe(true);
      expect(Buffer.from(images.bytes).equals(Buffer.from(pixels(subset, size)))).toBe(true);
    }
    // Shapes on a dark background, not noise: the brightest pixels are far above the mean.
    const first = pixels(tfjs.train, size).subarray(0, size);
    expect(Math.max(...first)).toBeGreaterThan(2 * (first.reduce((a, b) => a + b, 0) / size));
  });

  it('keeps only the first validation samples when asked (the speed probe)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-data-'));
    const info = await prepareRunData(doc(), { limit: 40 }, dir, undefined, 7);
    const tfjs = await loadDataset('synthetic:12:3', { seed: 7, validationSplit: 0.1, input: inputShape(doc()) });
    expect(info).toMatchObject({ train: 40, val: 7 });
    expect(Buffer.from(readIdx(join(dir, 'val-labels-idx')).bytes).equals(Buffer.from(tfjs.val.labels.subarray(0, 7)))).toBe(true);
  });

  itWhen(torch, 'torch')('is what train.py reads, channels first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-data-'));
    await prepareRunData(doc(), {}, dir);
    writeFileSync(join(dir, 'train.py'), toPyTorchTrainingScript(doc()));
    const read = [
      'import json, runpy, sys',
      'g = runpy.run_path(sys.argv[1])',
      'train, val, title, names = g["load_prepared"](sys.argv[2], None)',
      'x, y = train[[0, 5]]',
      'print(json.dumps({"train": len(train), "val": len(val), "title": title, "names": names, "shape": list(x.shape), "labels": y.tolist(), "pixels": x[1].permute(1, 2, 0).flatten().tolist()}))',
    ].join('\n');
    const r = spawnSync(torch!.python, ['-c', read, join(dir, 'train.py'), dir], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    const tfjs = await loadDataset('synthetic:12:3', { seed: 7, validationSplit: 0.1, input: [16, 16, 3] });
    const sixth = new Uint8Array(16 * 16 * 3);
    tfjs.train.read(5, sixth, 0);
    expect(got).toEqual({ train: 1350, val: 150, title: 'synthetic 12×12×3, 3 classes', names: ['disc, solid', 'square, solid', 'triangle, solid'], shape: [2, 3, 16, 16], labels: [tfjs.train.labels[0], tfjs.train.labels[5]], pixels: [...sixth] });
  });
});

describe("train.py's own synthetic images and split (without a prepared folder)", () => {
  itWhen(torch, 'torch')("are the engine's, bit for bit", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-synthetic-'));
    writeFileSync(join(dir, 'train.py'), toPyTorchTrainingScript(doc()));
    // Sizes, class counts (beyond 20: finer stripes) and channels that exercise every branch.
    const cases: [number, number, number, number, number[]][] = [
      [12, 12, 3, 3, [0, 1, 2, 499]],
      [9, 20, 25, 1, [0, 7, 13, 21, 24, 1234]],
      [32, 32, 10, 4, [3, 4999]],
    ];
    const read = [
      'import json, runpy, sys',
      'g = runpy.run_path(sys.argv[1])',
      'cases = json.loads(sys.argv[2])',
      'images = [[g["synthetic_image"](i, h, w, k, c).permute(1, 2, 0).flatten().tolist() for i in idx] for h, w, k, c, idx in cases]',
      'names = [g["synthetic_class_name"](k) for k in range(25)]',
      'print(json.dumps({"images": images, "names": names, "order": g["seeded_permutation"](1000, 7)}))',
    ].join('\n');
    const r = spawnSync(torch!.python, ['-c', read, join(dir, 'train.py'), JSON.stringify(cases)], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    cases.forEach(([h, w, k, c, indices], n) => {
      const pool = syntheticPool(h, w, k, c);
      indices.forEach((i, m) => {
        const want = new Uint8Array(h * w * c);
        pool.all.read(i, want, 0);
        expect(got.images[n][m], `synthetic:${h}x${w}:${k}:${c} image ${i}`).toEqual([...want]);
      });
    });
    expect(got.names).toEqual(Array.from({ length: 25 }, (_, k) => syntheticClassName(k)));
    expect(got.order).toEqual([...permutation(1000, seededRandom(7))]);
  });
});
