/**
 * CIFAR's binary files, generated in the exact official format for tests: `count` records per
 * file of label bytes then 3,072 pixel bytes (the red plane, the green, the blue, each 32×32
 * row-major), with the names files beside them. Pixel values follow from the record's index, so a
 * test can say which byte must land where.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CIFAR10_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** The byte of record `i` (counted over the whole file set) in colour plane `c` at pixel `p` (y·32 + x). */
export const pixelOf = (i: number, c: number, p: number) => (i * 7 + c * 85 + p * 3) & 255;

/** Labels: CIFAR-10's and CIFAR-100's fine label cycle over the classes, the coarse one is the fine one over 5. */
export const fineOf = (i: number, classes: number) => (i * 3 + 1) % classes;

/** One file's bytes: records `first` … `first + count − 1`, with `labels(i)` as each record's label bytes. */
export function records(first: number, count: number, labels: (i: number) => number[]): Buffer {
  const size = labels(0).length + 3072;
  const out = Buffer.alloc(count * size);
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const at = k * size;
    labels(i).forEach((l, j) => (out[at + j] = l));
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[at + labels(i).length + c * 1024 + p] = pixelOf(i, c, p);
  }
  return out;
}

/**
 * `cifar10Files(dir, 40, 50)`: data_batch_1..5.bin of 40 records each, test_batch.bin of 50 and
 * batches.meta.txt in `dir` (a new temporary folder by default). Record indices run on across the
 * files: data_batch_1 holds 0–39, … test_batch 200–249.
 */
export function cifar10Files(perBatch: number, test: number, dir = mkdtempSync(join(tmpdir(), 'netwright-cifar10-'))): string {
  mkdirSync(dir, { recursive: true });
  for (let b = 0; b < 5; b++) writeFileSync(join(dir, `data_batch_${b + 1}.bin`), records(b * perBatch, perBatch, (i) => [fineOf(i, 10)]));
  writeFileSync(join(dir, 'test_batch.bin'), records(5 * perBatch, test, (i) => [fineOf(i, 10)]));
  writeFileSync(join(dir, 'batches.meta.txt'), CIFAR10_NAMES.join('\n') + '\n\n');
  return dir;
}

/** CIFAR-100's train.bin and test.bin (coarse label = fine label over 5) and both names files. */
export function cifar100Files(train: number, test: number, dir = mkdtempSync(join(tmpdir(), 'netwright-cifar100-'))): string {
  mkdirSync(dir, { recursive: true });
  const labels = (i: number) => [Math.floor(fineOf(i, 100) / 5), fineOf(i, 100)];
  writeFileSync(join(dir, 'train.bin'), records(0, train, labels));
  writeFileSync(join(dir, 'test.bin'), records(train, test, labels));
  writeFileSync(join(dir, 'fine_label_names.txt'), Array.from({ length: 100 }, (_, k) => `fine${k}`).join('\n') + '\n');
  writeFileSync(join(dir, 'coarse_label_names.txt'), Array.from({ length: 20 }, (_, k) => `coarse${k}`).join('\n') + '\n');
  return dir;
}
