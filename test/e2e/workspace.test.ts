/**
 * The workspace around the canvas, at 1440×900 and at 1024×700: panels resized by their drag
 * handles (mouse and keyboard) and remembered after a reload, collapsed and maximised; every
 * toolbar command reachable, no label wrapping; a fitted graph clear of the overview and the tool
 * strip; a red node's own fix menu; a fresh layer "not connected yet" rather than red; Train
 * disabled with its reason; popups over everything; the alert going when the document changes.
 * `NETWRIGHT_SCREENSHOT=1` also writes docs/workspace-1440.png and docs/workspace-1024.png.
 */
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { describeWhen } from '../skip';
import { canvas, connect, dropLayer, node } from './canvas';
import { newDocument } from './editor';
import { startApp, useApp } from './harness';
import { training } from './trainingPanel';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

const separator = (page: Page, name: string) => page.getByRole('separator', { name });
const valueOf = async (l: Locator) => Number(await l.getAttribute('aria-valuenow'));
const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

async function openLeNet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'LeNet-5', exact: true }).click();
  await node(page, 'Conv2D C1').waitFor();
}

/** Boxes of every node on the canvas that overlaps the overview or the tool strip (the top-left panel). */
async function hiddenNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rect = (el: Element) => el.getBoundingClientRect();
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const overlays = [...document.querySelectorAll('.canvas .overview, .canvas .canvas-panel')].map(rect);
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => overlays.some((o) => hit(rect(n), o))).map((n) => n.getAttribute('aria-label') ?? '?');
  });
}

/** A viewport transform that no longer changes from one frame to the next. */
async function settledViewport(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const at = () => document.querySelector('.react-flow__viewport')?.getAttribute('style');
        const before = at();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(at() === before)));
      }),
  );
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  describe(`at ${size.width}×${size.height}`, () => {
    const session = useApp({ viewport: size });

    test('every toolbar command is on screen and can be clicked, and no label wraps', async () => {
      const { page } = session.app;
      const toolbar = page.getByRole('banner');
      const controls = toolbar.locator('button, select, input:not([type="file"])');
      const count = await controls.count();
      expect(count).toBeGreaterThan(12);
      const reachable = await controls.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          const inView = r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
          return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', reachable: inView && (top === el || el.contains(top)) };
        }),
      );
      expect(reachable.filter((c) => !c.reachable)).toEqual([]);
      // One line each: every button as tall as the others, none taller than a line and its padding.
      const heights = await toolbar.locator('.button').evaluateAll((els) => els.map((el) => ({ name: el.textContent, height: el.getBoundingClientRect().height })));
      const line = Math.min(...heights.map((h) => h.height));
      expect(heights.filter((h) => h.height > line + 1)).toEqual([]);
      expect(line).toBeLessThan(36);
      // Each command still works from where it is.
      await toolbar.getByRole('button', { name: 'Settings…' }).click();
      await page.getByRole('dialog').first().waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    });

    test('after fit view, no layer lies under the overview or the tool strip', async () => {
      const { page } = session.app;
      await openLeNet(page);
      await canvas(page).getByRole('button', { name: 'Fit to view' }).click();
      await settledViewport(page);
      await expect.poll(() => hiddenNodes(page)).toEqual([]);
      expect(await page.locator('.react-flow__node').count()).toBe(9);
      // Every layer is in the visible canvas, too.
      const pane = await box(canvas(page).locator('.react-flow'));
      for (const b of await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(b.left).toBeGreaterThanOrEqual(pane.x);
        expect(b.right).toBeLessThanOrEqual(pane.x + pane.width);
        expect(b.bottom).toBeLessThanOrEqual(pane.y + pane.height);
      }
    });

    test('M hides the overview and shows it again; the shortcuts overlay lists it', async () => {
      const { page } = session.app;
      const overview = canvas(page).getByRole('img', { name: 'Overview' });
      await overview.waitFor();
      await canvas(page).locator('.react-flow__pane').click({ position: { x: 30, y: 60 } });
      await page.keyboard.press('m');
      await overview.waitFor({ state: 'detached' });
      expect(await canvas(page).getByRole('button', { name: 'Overview' }).getAttribute('aria-pressed')).toBe('false');
      await page.keyboard.press('m');
      await overview.waitFor();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.getByRole('row', { name: /^M Show or hide the overview/ }).waitFor();
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
    });

    test('nothing draws over the quick-add box, not the summary table’s header or Total row', async () => {
      const { page } = session.app;
      await page.getByRole('tab', { name: 'Summary' }).click();
      await page.getByRole('region', { name: 'Summary' }).getByRole('table', { name: 'Layers' }).waitFor();
      await canvas(page).getByRole('button', { name: '+ Add' }).click();
      const popup = page.locator('.quick-add');
      await popup.waitFor();
      const covered = await popup.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const out: string[] = [];
        for (let x = r.left + 4; x < r.right - 4; x += 24) {
          for (let y = r.top + 4; y < r.bottom - 4; y += 12) {
            const top = document.elementFromPoint(x, y);
            if (top && !el.contains(top)) out.push(`${Math.round(x)},${Math.round(y)}: ${top.tagName}.${top.className}`);
          }
        }
        return out;
      });
      expect(covered).toEqual([]);
      await page.keyboard.press('Escape');
      await popup.waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: 'Training' }).click();
    });

    test('the layer a fix inserts moves the layers after it aside', async () => {
      const { page } = session.app;
      await newDocument(page);
      await dropLayer(page, 'Input', { x: 110, y: 100 });
      await dropLayer(page, 'Dense', { x: 340, y: 100 });
      const dense = node(page, /^Dense /);
      await connect(page, node(page, /^Input /), dense);
      await dense.getByText('insert a Flatten', { exact: false }).waitFor();
      const before = await box(dense);
      // The node keeps its width: the message wraps inside it.
      expect(before.width).toBeLessThan(200);

      // The fix is offered in the problems list too, under the problem.
      const problems = canvas(page).getByRole('region', { name: 'Problems' });
      await problems.getByRole('button', { name: '1 problem' }).click();
      await problems.getByRole('group', { name: 'Fixes for Dense dense-1' }).getByRole('button', { name: 'Insert Flatten' }).waitFor();
      await problems.getByRole('button', { name: '1 problem' }).click();

      await dense.getByRole('button', { name: 'Fix Dense dense-1' }).click();
      const menu = page.getByRole('menu', { name: 'Fixes for Dense dense-1' });
      await menu.getByRole('menuitem', { name: 'Insert Flatten' }).click();
      await menu.waitFor({ state: 'hidden' });
      const flatten = node(page, /^Flatten /);
      await flatten.getByText('Flatten → 784').waitFor();
      await dense.getByText('Dense 10 → 10').waitFor();
      expect(await page.locator('.layer-node--error').count()).toBe(0);
      // In line after the Input, and the Dense moved on, clear of it.
      await expect.poll(async () => overlaps(await box(flatten), await box(dense))).toBe(false);
      expect(Math.abs((await box(flatten)).y + (await box(flatten)).height / 2 - (before.y + 20))).toBeLessThan(30);
      expect((await box(dense)).x).toBeGreaterThan((await box(flatten)).x + (await box(flatten)).width);
      // One undo step takes the layer and the move back.
      await page.keyboard.press('Control+z');
      await flatten.waitFor({ state: 'detached' });
      await expect.poll(async () => Math.round((await box(dense)).x)).toBe(Math.round(before.x));
      await page.keyboard.press('Control+y');
      await flatten.waitFor();
      expect(session.app.errors).toEqual([]);
    });
  });
}

describe('panels, at 1440×900', () => {
  const session = useApp();

  test('dragging the bottom panel’s handle resizes it; the height is kept across tabs and after a reload', async () => {
    const { page } = session.app;
    const handle = separator(page, 'Resize the bottom panel');
    expect(await handle.getAttribute('aria-orientation')).toBe('horizontal');
    expect(Number(await handle.getAttribute('aria-valuemin'))).toBeGreaterThan(0);
    expect(Number(await handle.getAttribute('aria-valuemax'))).toBeGreaterThan(400);
    const panel = page.locator('#dock-panel');
    const start = await valueOf(handle);
    expect(Math.round((await box(panel)).height)).toBe(start);

    const grip = await box(handle);
    await page.mouse.move(grip.x + 300, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + 300, grip.y - 60, { steps: 4 });
    await page.mouse.move(grip.x + 300, grip.y - 120, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.abs((await valueOf(handle)) - (start + 120))).toBeLessThanOrEqual(2);
    const dragged = await valueOf(handle);
    expect(Math.round((await box(panel)).height)).toBe(dragged);

    // The keyboard: arrows step, and the value says so.
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => valueOf(handle)).toBe(dragged + 16);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => valueOf(handle)).toBe(dragged);

    // Each tab fills the same height.
    for (const tab of ['Summary', 'Runs', 'Results', 'Training']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(Math.round((await box(panel)).height)).toBe(dragged);
    }

    await page.reload();
    await page.getByRole('complementary', { name: 'Layers' }).waitFor();
    await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'Start with an empty canvas' }).click();
    await expect.poll(() => valueOf(handle)).toBe(dragged);
    expect(Math.round((await box(panel)).height)).toBe(dragged);
  });

  test('the side panels resize by keyboard, collapse and open again; the dock maximises', async () => {
    const { page } = session.app;
    const palette = page.getByRole('complementary', { name: 'Layers' });
    const handle = separator(page, 'Resize the layers panel');
    const width = await valueOf(handle);
    await handle.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => valueOf(handle)).toBe(width + 80);
    expect(Math.round((await box(palette)).width)).toBe(width + 80);
    await page.keyboard.press('Home');
    await expect.poll(() => valueOf(handle)).toBe(Number(await handle.getAttribute('aria-valuemin')));

    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show the layers panel' }).click();
    await palette.waitFor();

    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'Hide the inspector' }).click();
    await inspector.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show the inspector' }).click();
    await inspector.waitFor();

    const panel = page.locator('#dock-panel');
    const docked = (await box(panel)).height;
    await page.getByRole('button', { name: 'Maximise' }).click();
    await expect.poll(async () => (await box(panel)).height).toBeGreaterThan(650);
    expect(await canvas(page).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await box(panel)).height).toBe(docked);

    await page.getByRole('button', { name: 'Hide panel' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Summary' }).click();
    await panel.waitFor();
    expect(session.app.errors).toEqual([]);
  });

  test('a fresh unconnected layer is "not connected yet", not an error; Train says why it is off', async () => {
    const { page } = session.app;
    await newDocument(page);
    const train = training(page).getByRole('button', { name: 'Train' });
    await page.getByRole('tab', { name: 'Training' }).click();
    expect(await train.isDisabled()).toBe(true);
    expect(await train.getAttribute('title')).toMatch(/^Add an Input layer first/);

    await dropLayer(page, 'Input', { x: 140, y: 160 });
    await dropLayer(page, 'Conv2D', { x: 420, y: 160 });
    const conv = node(page, /^Conv2D /);
    await conv.getByText('not connected yet').waitFor();
    expect(await conv.locator('.layer-node--error').count()).toBe(0);
    expect(await canvas(page).getByRole('region', { name: 'Problems' }).count()).toBe(0);
    await status(page).getByText('0 errors').waitFor();
    await status(page).getByText('1 layer not connected yet').waitFor();
    // Training would need it wired: Train is off, and says which layer.
    expect(await train.isDisabled()).toBe(true);
    expect(await train.getAttribute('title')).toMatch(/^Fix 1 problem first\. Conv2D conv2d-1: Conv2D has nothing connected/);

    // A layer that others read from is an error again.
    await dropLayer(page, 'Dropout', { x: 420, y: 320 });
    await connect(page, conv, node(page, /^Dropout /));
    await conv.locator('.layer-node--error').waitFor();
    await status(page).getByText('1 error').waitFor();

    await connect(page, node(page, /^Input /), conv);
    await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();
    expect(await conv.locator('.layer-node--error, .layer-node--pending').count()).toBe(0);
    await expect.poll(() => train.isEnabled()).toBe(true);
    expect(await train.getAttribute('title')).toBeNull();
    expect(session.app.errors).toEqual([]);
  });
});

// Each on a fresh app: its document has no unsaved edits, so opening another asks nothing.
describe('an alert, at 1440×900', () => {
  const session = useApp();

  test('can be dismissed, and goes by itself when the document changes', async () => {
    const { page } = session.app;
    const alert = page.getByRole('alert');
    const openBad = async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
      await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not { JSON') });
      await alert.getByText('Could not open notes.json', { exact: false }).waitFor();
    };
    await openBad();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    await openBad();
    await dropLayer(page, 'Input', { x: 200, y: 200 });
    await alert.waitFor({ state: 'detached' });
    expect(session.app.errors).toEqual([]);
  });
});

describe('top to bottom, at 1440×900', () => {
  const session = useApp();

  test('the shapes stay on their connections and the text reads at full size', async () => {
    const { page } = session.app;
    await openLeNet(page);
    await page.getByRole('navigation', { name: 'Arrange' }).getByRole('combobox', { name: 'Layout direction' }).selectOption({ label: 'Top to bottom' });
    await page.waitForFunction(() => document.querySelector('.react-flow__handle-bottom.source') !== null);
    await settledViewport(page);
    const zoom = await page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport')!.getAttribute('style') ?? '')?.[1]));
    expect(zoom).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
          const labels = [...document.querySelectorAll('.shape-edge__label')].map((l) => l.getBoundingClientRect());
          const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          return { labels: labels.length, underNodes: labels.filter((l) => nodes.some((n) => hit(l, n))).length };
        }),
      )
      .toEqual({ labels: expect.any(Number), underNodes: 0 });
    expect(await page.locator('.shape-edge__label').count()).toBeGreaterThan(2);
    expect(session.app.errors).toEqual([]);
  });
});

describeWhen(process.env.NETWRIGHT_SCREENSHOT, 'screenshot')('screenshots', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    test(`docs/workspace-${size.width}.png shows LeNet-5 in the workspace`, async () => {
      const app = await startApp({ viewport: size });
      try {
        const { page } = app;
        await openLeNet(page);
        await canvas(page).getByRole('button', { name: 'Fit to view' }).click();
        await settledViewport(page);
        await expect.poll(() => hiddenNodes(page)).toEqual([]);
        await page.screenshot({ path: fileURLToPath(new URL(`../../docs/workspace-${size.width}.png`, import.meta.url)) });
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});
