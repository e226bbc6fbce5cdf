/**
 * Category colours have one source, shared/layers/categories.ts (figures use it too): the
 * renderer's `--cat-*` properties are made from it, and the stylesheets only use them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { categoryCss } from '../../../renderer/src/canvas/CategoryColours';
import { CATEGORIES } from '../../../shared/layers/categories';

const STYLES = fileURLToPath(new URL('../../../renderer/src/styles', import.meta.url));
const stylesheets = () => readdirSync(STYLES).map((f) => readFileSync(join(STYLES, f), 'utf8'));

describe('category colours', () => {
  it('are the CSS properties of every category, in the colours figures use', () => {
    const css = categoryCss();
    for (const [category, { color }] of Object.entries(CATEGORIES)) expect(css).toContain(`--cat-${category}: ${color};`);
    expect(css).toContain('--cat-convolution: #4f5bd5;');
  });

  it('are used, never defined, by the stylesheets, and only for categories that exist', () => {
    const css = stylesheets().join('\n');
    expect(css).not.toMatch(/--cat-[a-z]+\s*:/);
    const used = new Set([...css.matchAll(/var\(--cat-([a-z]+)\)/g)].map((m) => m[1]));
    expect([...used].filter((c) => !(c! in CATEGORIES))).toEqual([]);
  });
});
