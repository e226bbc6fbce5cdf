/**
 * CIFAR-10 and CIFAR-100 read from files in the exact binary format (generated, a few hundred
 * records): bytes to HWC pixels, labels (fine and coarse), class names, the official split as
 * train/validation with the validation share and --limit, where the files may be, and what is
 * said when they are not right.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIFAR, decodeRecords, notInCache } from '../../../node/engine/data/cifar';
import { datasetSize, loadDataset } from '../../../node/engine/data/load';
import { previewDataset } from '../../../node/engine/data/preview';
import { prepareDataset } from '../../../node/engine/torch/dataset';
import type { Subset } from '../../../node/engine/data/subset';
import { cifar100Files, cifar10Files, CIFAR10_NAMES, fineOf, pixelOf, records } from './cifarFiles';

const input: [number, number, number] = [32, 32, 3];

/** The record index a sample came from: its first byte is 7·i mod 256, and 183 is 7's inverse mod 256. */
const indexOf = (s: Subset, k: number) => {
  const out = new Uint8Array(3072);
  s.read(k, out, 0);
  return (out[0]! * 183) & 255;
};
const indices = (s: Subset) => Array.from({ length: s.count }, (_, k) => indexOf(s, k));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

describe('CIFAR binary records', () => {
  it('become HWC pixels: the red, green and blue planes interleaved, row by row', () => {
    const { pixels, labels } = decodeRecords(records(5, 2, (i) => [i]), 'x.bin', 1, 0, 10);
    expect(Array.from(labels)).toEqual([5, 6]);
    for (const k of [0, 1])
      for (const [y, x] of [[0, 0], [0, 31], [17, 3], [31, 31]] as const)
        for (let c = 0; c < 3; c++) expect(pixels[k * 3072 + (y * 32 + x) * 3 + c]).toBe(pixelOf(5 + k, c, y * 32 + x));
  });

  it('are refused when the file is not whole records, or a label is out of range', () => {
    expect(() => decodeRecords(new Uint8Array(3073 * 2 - 1), 'data_batch_1.bin', 1, 0, 10)).toThrow(
      'data_batch_1.bin is 6,145 bytes, not a whole number of 3,073-byte records: it is not CIFAR\'s binary format, or it was cut short.',
    );
    expect(() => decodeRecords(records(0, 3, (i) => [i * 6]), 'test_batch.bin', 1, 0, 10)).toThrow('test_batch.bin: record 3 has label 12; the labels go from 0 to 9.');
  });
});

describe('CIFAR-10', () => {
  const dir = cifar10Files(40, 50);

  it('trains on the training files and validates on the test file, with its class names', async () => {
    const data = await loadDataset(`cifar10:${dir}`, { seed: 1, validationSplit: 0.2, input });
    expect(data.title).toBe('CIFAR-10');
    expect(data.classNames).toEqual(CIFAR10_NAMES);
    expect(data.shape).toEqual([32, 32, 3]);
    expect(data.notes[0]).toBe(`${dir}: 200 training and 50 test images; the test images are the validation part.`);
    expect(indices(data.train).sort((a, b) => a - b)).toEqual(range(0, 200));
    expect(indices(data.val).sort((a, b) => a - b)).toEqual(range(200, 250));
    // Each label is its record's, and each image is its record's, every byte.
    const out = new Uint8Array(3072);
    for (let k = 0; k < data.train.count; k += 37) {
      const i = indexOf(data.train, k);
      expect(data.train.labels[k]).toBe(fineOf(i, 10));
      data.train.read(k, out, 0);
      for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) if (out[p * 3 + c] !== pixelOf(i, c, p)) throw new Error(`record ${i}: pixel ${p} channel ${c}`);
    }
    // The training order is shuffled with the seed, like every dataset's.
    expect(indices(data.train).slice(0, 10)).not.toEqual(range(0, 10));
  });

  it('takes --limit training images and the validation share of the test file, the same for the same seed', async () => {
    const small = await loadDataset(`cifar10:${dir}`, { seed: 3, validationSplit: 0.1, input, limit: 64 });
    expect([small.train.count, small.val.count]).toEqual([64, 25]);
    expect(indices(small.val).every((i) => i >= 200 && i < 250)).toBe(true);
    expect(new Set(indices(small.val)).size).toBe(25);
    const again = await loadDataset(`cifar10:${dir}`, { seed: 3, validationSplit: 0.1, input, limit: 64 });
    expect(indices(again.train)).toEqual(indices(small.train));
    expect(indices(again.val)).toEqual(indices(small.val));
    expect(await datasetSize(`cifar10:${dir}`, 0.1, 64)).toEqual({ train: 64, val: 25 });
    expect(await datasetSize(`cifar10:${dir}`, 0.5)).toEqual({ train: 200, val: 50 });
  });

  it('fits to another Input like any dataset (grey 28×28 here)', async () => {
    const data = await loadDataset(`cifar10:${dir}`, { seed: 1, validationSplit: 0.2, input: [28, 28, 1], limit: 8 });
    expect(data.shape).toEqual([28, 28, 1]);
    expect(data.notes.at(-1)).toMatch(/^CIFAR-10 images are 32×32×3 and the Input is 28×28×1/);
  });

  it('is found in DIR/cifar-10-batches-bin (as the archive unpacks) and in the cache', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'netwright-cifar-parent-'));
    cifar10Files(4, 6, join(parent, 'cifar-10-batches-bin'));
    expect(await datasetSize(`cifar10:${parent}`, 0.2)).toEqual({ train: 20, val: 5 });
    const fromCache = await loadDataset('cifar10', { seed: 1, validationSplit: 0.2, input, cacheDir: parent });
    expect([fromCache.train.count, fromCache.val.count]).toEqual([20, 5]);
    const empty = mkdtempSync(join(tmpdir(), 'netwright-cache-'));
    await expect(datasetSize('cifar10', 0.2, undefined, empty)).rejects.toThrow(notInCache('cifar10', empty));
    expect(notInCache('cifar10', '/c')).toBe(
      'CIFAR-10 is not in /c/cifar-10-batches-bin: run "netwright datasets download cifar10" (or Download in the training panel), or unpack https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz into /c.',
    );
  });

  it('says which file is missing or wrong', async () => {
    const broken = cifar10Files(4, 6);
    const options = { seed: 1, validationSplit: 0.2, input };
    await expect(loadDataset(`cifar10:${join(broken, 'nothing')}`, options)).rejects.toThrow(`${join(broken, 'nothing')} holds no data_batch_1.bin (nor cifar-10-batches-bin/data_batch_1.bin)`);
    truncateSync(join(broken, 'data_batch_2.bin'), 3073 * 4 - 100);
    await expect(loadDataset(`cifar10:${broken}`, options)).rejects.toThrow(`${join(broken, 'data_batch_2.bin')} is 12,192 bytes, not a whole number of 3,073-byte records`);
    renameSync(join(broken, 'data_batch_3.bin'), join(broken, 'data_batch_3.old'));
    await expect(loadDataset(`cifar10:${broken}`, options)).rejects.toThrow(`CIFAR-10: ${broken} lacks data_batch_3.bin.`);
  });

  it('keeps its usual class names when batches.meta.txt is missing, and says so', async () => {
    const bare = cifar10Files(4, 6);
    rmSync(join(bare, 'batches.meta.txt'));
    const data = await loadDataset(`cifar10:${bare}`, { seed: 1, validationSplit: 0.2, input });
    expect(data.classNames).toEqual(CIFAR10_NAMES);
    expect(data.notes).toContain(`${join(bare, 'batches.meta.txt')} is missing: the classes are called by their usual names.`);
  });

  it('is what the torch engine hands train.py: the same split, with the class names', async () => {
    const out = mkdtempSync(join(tmpdir(), 'netwright-prepared-'));
    const options = { seed: 5, validationSplit: 0.2, input, limit: 30 };
    const info = await prepareDataset(`cifar10:${dir}`, options, out);
    expect(info).toMatchObject({ title: 'CIFAR-10', classNames: CIFAR10_NAMES, shape: [32, 32, 3], train: 30, val: 50 });
    const data = await loadDataset(`cifar10:${dir}`, options);
    // IDX labels: a 4-byte magic, a 4-byte count, then one byte a label.
    expect(Array.from(readFileSync(join(out, 'val-labels-idx')).subarray(8))).toEqual(Array.from(data.val.labels));
    expect(Array.from(readFileSync(join(out, 'train-labels-idx')).subarray(8))).toEqual(Array.from(data.train.labels));
  });

  it('previews with its class names, counting both parts', async () => {
    const preview = await previewDataset(`cifar10:${dir}`, 10);
    expect(preview).toMatchObject({ title: 'CIFAR-10', shape: [32, 32, 3], classNames: CIFAR10_NAMES, total: 250 });
    expect(preview.samples.map((s) => s.className).sort()).toEqual([...CIFAR10_NAMES].sort());
    expect(preview.samples.every((s) => s.className === CIFAR10_NAMES[s.label] && s.width === 32)).toBe(true);
  });
});

describe('CIFAR-100', () => {
  const dir = cifar100Files(200, 50);

  it('reads the fine labels (the second label byte) with their 100 names', async () => {
    const data = await loadDataset(`cifar100:${dir}`, { seed: 2, validationSplit: 0.2, input });
    expect(data.title).toBe('CIFAR-100');
    expect(data.classNames).toHaveLength(100);
    expect(data.classNames[42]).toBe('fine42');
    expect([data.train.count, data.val.count]).toEqual([200, 50]);
    for (let k = 0; k < data.val.count; k++) expect(data.val.labels[k]).toBe(fineOf(indexOf(data.val, k), 100));
  });

  it('reads the 20 superclasses with cifar100:coarse', async () => {
    const data = await loadDataset(`cifar100:coarse:${dir}`, { seed: 2, validationSplit: 0.2, input, limit: 100 });
    expect(data.title).toBe('CIFAR-100 (20 superclasses)');
    expect(data.classNames).toEqual(Array.from({ length: 20 }, (_, k) => `coarse${k}`));
    expect(data.train.count).toBe(100);
    for (let k = 0; k < data.train.count; k++) expect(data.train.labels[k]).toBe(Math.floor(fineOf(indexOf(data.train, k), 100) / 5));
  });

  it('refuses 3,073-byte records (CIFAR-10 files) as CIFAR-100', async () => {
    const wrong = mkdtempSync(join(tmpdir(), 'netwright-cifar100-'));
    mkdirSync(wrong, { recursive: true });
    writeFileSync(join(wrong, 'train.bin'), records(0, 5, (i) => [i % 10]));
    writeFileSync(join(wrong, 'test.bin'), records(0, 3, (i) => [i % 10, 1]));
    await expect(loadDataset(`cifar100:${wrong}`, { seed: 1, validationSplit: 0.2, input })).rejects.toThrow('not a whole number of 3,074-byte records');
  });

  it('names its archive and folder as the CIFAR page does', () => {
    expect(CIFAR.cifar100).toMatchObject({ folder: 'cifar-100-binary', train: ['train.bin'], test: ['test.bin'], labelBytes: 2, md5: '03b5dce01913d631647c71ecec9e9cb8' });
    expect(CIFAR.cifar10).toMatchObject({ folder: 'cifar-10-batches-bin', labelBytes: 1, md5: 'c32a1d4ab5d03f1284b67883e8d87530' });
  });
});
