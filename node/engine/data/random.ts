/**
 * A small seeded PRNG, so that a run's data split and batch order follow from the document's
 * `training.seed` and a run can be repeated.
 */

/** mulberry32: `const rand = seededRandom(1); rand()` → a number in [0, 1), the same for every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place: `shuffle(Uint32Array.from([0, 1, 2]), seededRandom(1))`. */
export function shuffle<T extends { length: number; [i: number]: number }>(items: T, rand: () => number): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

/** `permutation(5, rand)` → e.g. `Uint32Array [3, 0, 4, 1, 2]`. */
export const permutation = (n: number, rand: () => number): Uint32Array => shuffle(Uint32Array.from({ length: n }, (_, i) => i), rand);
