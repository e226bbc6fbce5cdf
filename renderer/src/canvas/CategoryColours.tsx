/**
 * The layer categories' colours, from the one table exported figures use too
 * (shared/layers/categories.ts), as the CSS custom properties the styles paint with:
 * `--cat-convolution` and so on. Rendered once with the canvas, which is always on screen, so
 * the properties exist before anything (the overview, a template thumbnail) reads them. One
 * colour serves both themes: each is mid-tone, readable on the light and on the dark panels.
 */
import { CATEGORIES } from '../../../shared/layers/categories';

/** `:root { --cat-input: #2f9e6e; … }`. */
export function categoryCss(): string {
  const properties = Object.entries(CATEGORIES).map(([category, { color }]) => `--cat-${category}: ${color};`);
  return `:root { ${properties.join(' ')} }`;
}

const css = categoryCss();

/** The `<style>` that defines the category colours. */
export function CategoryColours() {
  return <style>{css}</style>;
}
