/**
 * The editor in a browser: frame times while dragging a layer (500 layers) and panning (2,000
 * layers), next to the same gestures on an empty canvas in the same run (the machine's own
 * noise); how long a large graph takes to open; and how soon an edit of the input's size on a
 * 1,000-layer graph shows on the canvas. Frame time is the gap between two
 * `requestAnimationFrame` callbacks (16.7 ms at 60 Hz when nothing is late).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { saveDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { openApp, quantile, startFrames, stopFrames } from './browser';
import { residualStack } from './graphs';
import { median } from './measure';

const MOVES = 120;

/** The residual stack in rows of `perRow` columns, so it opens as it is (no auto-layout). */
function benchGraph(layers: number, perRow = 16): NetwrightDocument {
  const doc = residualStack(layers);
  const nodes = doc.graph.nodes.map((n) => {
    const col = Math.round(n.position.x / 240);
    const lane = Math.round(n.position.y / 130);
    return { ...n, position: { x: (col % perRow) * 240, y: Math.floor(col / perRow) * 320 + lane * 130 } };
  });
  return { ...doc, graph: { ...doc.graph, nodes } };
}

/** Do what replaces the document; when it has unsaved edits (the title's marker says so, after a drag), answer "Don’t save". */
async function giveUpEdits(page: Page, act: () => Promise<void>): Promise<void> {
  const edited = (await page.title()).startsWith('• ');
  await act();
  if (edited) await page.getByRole('dialog', { name: /^Save changes to / }).getByRole('button', { name: 'Don’t save', exact: true }).click();
}

/** Open a document through the toolbar's Open…; resolves when its layers are on the canvas. */
async function open(page: Page, doc: NetwrightDocument): Promise<number> {
  const t0 = Date.now();
  const chosen = page.waitForEvent('filechooser');
  await giveUpEdits(page, () => page.getByRole('button', { name: 'Open…' }).click());
  const chooser = await chosen;
  await chooser.setFiles({ name: 'bench.netwright.json', mimeType: 'application/json', buffer: Buffer.from(saveDocument(doc)) });
  const n = doc.graph.nodes.length;
  await page.getByRole('contentinfo', { name: 'Status' }).getByText(new RegExp(`^(${n}|${n.toLocaleString('en-US')}) layers$`)).waitFor({ timeout: 120_000 });
  await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - t0;
}

/** A point on the empty canvas (no layer, edge or panel under it), in window pixels. */
async function emptyPoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = box.top + box.height * 0.3; y < box.bottom - 40; y += 17) {
      for (let x = box.left + box.width * 0.3; x < box.right - 200; x += 23) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!p) throw new Error('no empty spot on the canvas');
  return p;
}

/** Drag from `from` by `MOVES` small steps (a hand on a mouse), recording frames meanwhile. */
async function gesture(page: Page, from: { x: number; y: number }, step: { x: number; y: number }): Promise<number[]> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + step.x, from.y + step.y); // past React Flow's drag threshold
  await startFrames(page);
  for (let i = 2; i <= MOVES; i++) {
    const back = i > MOVES / 2 ? MOVES - i : i; // there and back, so the view stays put
    await page.mouse.move(from.x + step.x * back, from.y + step.y * back);
  }
  const gaps = await stopFrames(page);
  await page.mouse.up();
  return gaps;
}

async function dragLayer(page: Page): Promise<number[]> {
  const line = page.locator('.react-flow__node .layer-node__line').nth(3);
  const box = (await line.boundingBox())!;
  return gesture(page, { x: box.x + 10, y: box.y + box.height / 2 }, { x: 3, y: 1 });
}

const pan = async (page: Page) => gesture(page, await emptyPoint(page), { x: -4, y: -2 });

const inDom = (page: Page) => page.locator('.react-flow__node').count();

/** Set the Input's height and time until the canvas shows the new shape on a layer far down. */
async function editInput(page: Page, height: number): Promise<{ dom: number; frame: number }> {
  const input = page.locator('.react-flow__node[aria-label^="Input "] .layer-node__line');
  await input.click();
  const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Height', { exact: true });
  await field.waitFor();
  return field.evaluate(
    (el, h) =>
      new Promise<{ dom: number; frame: number }>((resolve) => {
        const shapes = [...document.querySelectorAll('.react-flow__node .layer-node__shape')];
        const far = shapes[shapes.length - 1]!;
        const t0 = performance.now();
        let dom = 0;
        const seen = new MutationObserver(() => {
          if (!dom && far.textContent?.startsWith(`${h}×`)) dom = performance.now() - t0;
        });
        seen.observe(document.querySelector('.react-flow__nodes')!, { subtree: true, characterData: true, childList: true });
        const input = el as HTMLInputElement;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(h));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => {
          const frame = performance.now() - t0;
          seen.disconnect();
          resolve({ dom: dom || NaN, frame });
        });
      }),
    height,
  );
}

const ROUNDS = 3;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

/** `ROUNDS` runs of a gesture: every frame gap of all of them, and each run's p95. */
async function rounds(run: () => Promise<number[]>): Promise<{ gaps: number[]; p95s: number[] }> {
  const gaps: number[] = [];
  const p95s: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const g = await run();
    gaps.push(...g);
    p95s.push(quantile(g, 0.95));
  }
  return { gaps, p95s };
}

const row = (what: string, layers: number, dom: number, { gaps, p95s }: { gaps: number[]; p95s: number[] }) =>
  `| ${what} | ${layers.toLocaleString('en-US')} | ${dom.toLocaleString('en-US')} | ${gaps.length} | ${ms(quantile(gaps, 0.5))} | ${ms(quantile(gaps, 0.95))} | ${p95s.map((p) => p.toFixed(1)).join(' / ')} | ${ms(Math.max(...gaps))} |`;

const load = () => loadavg().map((l) => l.toFixed(1)).join(', ');
const loadBefore = load();
const app = await openApp();
try {
  const { page } = app;
  const rows: string[] = [];
  const opens: string[] = [];

  rows.push(row('idle, empty canvas (baseline)', 0, 0, await rounds(() => idle(page))));
  rows.push(row('pan, empty canvas (baseline)', 0, 0, await rounds(() => pan(page))));

  const g500 = benchGraph(500);
  opens.push(`| ${g500.graph.nodes.length.toLocaleString('en-US')} | ${(await open(page, g500)).toLocaleString('en-US')} ms |`);
  rows.push(row('drag a layer', g500.graph.nodes.length, await inDom(page), await rounds(() => dragLayer(page))));
  rows.push(row('pan', g500.graph.nodes.length, await inDom(page), await rounds(() => pan(page))));

  const g1000 = benchGraph(1000);
  opens.push(`| ${g1000.graph.nodes.length.toLocaleString('en-US')} | ${(await open(page, g1000)).toLocaleString('en-US')} ms |`);
  const edits = [];
  for (const h of [30, 31, 32, 29, 28, 27, 26]) edits.push(await editInput(page, h));

  const g2000 = benchGraph(2000);
  opens.push(`| ${g2000.graph.nodes.length.toLocaleString('en-US')} | ${(await open(page, g2000)).toLocaleString('en-US')} ms |`);
  rows.push(row('pan', g2000.graph.nodes.length, await inDom(page), await rounds(() => pan(page))));
  rows.push(row('drag a layer', g2000.graph.nodes.length, await inDom(page), await rounds(() => dragLayer(page))));

  await giveUpEdits(page, () => page.getByRole('button', { name: 'New', exact: true }).click());
  await page.locator('.react-flow__node').first().waitFor({ state: 'detached' });
  rows.push(row('pan, empty canvas (baseline, again)', 0, 0, await rounds(() => pan(page))));

  console.log('\n## Editor frame times (headless Chromium, software rendering)\n');
  console.log(`Frame time: the gap between two requestAnimationFrame callbacks; 16.7 ms is every frame on time at 60 Hz. ${ROUNDS} runs of ${MOVES} pointer moves per gesture; load average ${loadBefore} before, ${load()} after.\n`);
  console.log('| gesture | layers | layers in the DOM | frames | p50 | p95 | p95 per run | max |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log('\n## Opening a large graph (file chosen → layers on the canvas)\n');
  console.log('| layers | time |');
  console.log('|---:|---:|');
  for (const o of opens) console.log(o);
  const dom = edits.map((e) => e.dom);
  console.log(`\n## An edit on ${g1000.graph.nodes.length.toLocaleString('en-US')} layers (the Input's height; every shape downstream changes)\n`);
  console.log('| edit → the last visible layer shows its new shape | edit → the next frame |');
  console.log('|---:|---:|');
  console.log(`| median ${ms(median(dom))} (${ms(Math.min(...dom))} … ${ms(Math.max(...dom))}) | median ${ms(median(edits.map((e) => e.frame)))} |`);
} finally {
  await app.close();
}

/** Frames with nothing happening, for a second. */
async function idle(page: Page): Promise<number[]> {
  await startFrames(page);
  await page.waitForTimeout(1000);
  return stopFrames(page);
}
