/**
 * The exported figure in a real browser: every template (and the branched graphs of
 * test/unit/figure/figures.ts) in both layouts, measured by Chromium. No text overflows its box,
 * the estimator the figure sizes its boxes with (shared/figure/text.ts) is never narrower than the
 * drawn text, and everything drawn lies inside the picture; also with the text in DejaVu Sans, the
 * widest font Linux falls back to. Needs only the browser; the last test, the export dialog's
 * Layout select, needs the built app (`node scripts/build.mjs`).
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForTests } from '../../scripts/find-browser.mjs';
import { toSvg, type FigureLayout } from '../../shared/figure/svg';
import { contains, figureDocuments, overlaps, parseSvg, type Rect } from '../unit/figure/figures';
import { startApp } from './harness';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  const found = await browserForTests();
  if ('missing' in found) throw new Error(found.missing);
  browser = await chromium.launch({ ...found, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

interface Measured {
  nodes: { texts: { bbox: Rect; length: number; text: string }[] }[];
  labels: { bbox: Rect; text: string }[];
  drawn: Rect[];
}

/** Load the figure as the page and measure its texts and shapes. */
async function measure(svg: string, font?: string): Promise<Measured> {
  await page.setContent(`<!doctype html><html><body style="margin:0">${font ? svg.replace(/font-family="[^"]*"/, `font-family="${font}"`) : svg}</body></html>`);
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const box = (e: SVGGraphicsElement) => {
      const b = e.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    const root = document.querySelector('svg')!;
    return {
      nodes: [...root.querySelectorAll('g.node')].map((g) => ({
        texts: [...g.querySelectorAll('text')].map((t) => ({ bbox: box(t), length: t.getComputedTextLength(), text: t.textContent ?? '' })),
      })),
      labels: [...root.querySelectorAll('text.edge-label, text.legend')].map((t) => ({ bbox: box(t as SVGTextElement), text: t.textContent ?? '' })),
      drawn: [...root.querySelectorAll(':scope > g path, :scope > rect, g.node rect')].map((e) => box(e as SVGGraphicsElement)),
    };
  });
}

describe.each(['rows', 'column'] as FigureLayout[])('figures in the %s layout, as Chromium draws them', (layout) => {
  for (const font of [undefined, 'DejaVu Sans']) {
    it(`fit their boxes and the picture${font ? ` in ${font}` : ''}`, async () => {
      const problems: string[] = [];
      for (const [name, doc] of figureDocuments()) {
        const svg = toSvg(doc, { legend: true, layout });
        const parsed = parseSvg(svg);
        const real = await measure(svg, font);
        expect(real.nodes, name).toHaveLength(parsed.nodes.length);
        real.nodes.forEach((node, i) => {
          const { box, texts } = parsed.nodes[i]!;
          node.texts.forEach((t, j) => {
            if (t.length > texts[j]!.width) problems.push(`${name}: "${t.text}" is ${t.length.toFixed(1)}px, estimated ${texts[j]!.width.toFixed(1)}px`);
            if (t.bbox.x < box.x || t.bbox.x + t.bbox.width > box.x + box.width) problems.push(`${name}: "${t.text}" overflows its box (${t.bbox.x.toFixed(1)}…${(t.bbox.x + t.bbox.width).toFixed(1)} in ${box.x}…${box.x + box.width})`);
          });
        });
        for (const l of real.labels) {
          if (!contains(parsed.viewBox, l.bbox)) problems.push(`${name}: "${l.text}" leaves the picture`);
          for (const { box } of parsed.nodes) if (overlaps(l.bbox, box)) problems.push(`${name}: "${l.text}" lies over a box`);
        }
        for (const d of real.drawn) if (!contains(parsed.viewBox, d)) problems.push(`${name}: a shape at ${JSON.stringify(d)} leaves the picture`);
      }
      expect(problems).toEqual([]);
    });
  }
});

it('the export dialog draws the figure in one column when asked', async () => {
  const app = await startApp({ gallery: true });
  try {
    const { page } = app;
    await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'LeNet-5' }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    expect(await dialog.getByLabel('Layout').count()).toBe(0);
    await dialog.getByLabel('Format').selectOption('svg');
    await dialog.getByLabel('Layout').selectOption('column');
    await dialog.getByRole('img', { name: 'LeNet-5 figure' }).waitFor();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const svg = parseSvg(readFileSync((await (await download).path())!, 'utf8'));
    expect(svg.nodes).toHaveLength(9);
    expect(new Set(svg.nodes.map((n) => n.box.x)).size).toBe(1);
    expect(svg.edgeLabels.map((t) => t.anchor)).toEqual(Array(8).fill('start'));
    expect(app.errors).toEqual([]);
  } finally {
    await app.close();
  }
});
