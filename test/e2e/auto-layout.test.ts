/**
 * Auto-layout of GoogLeNet, as a user asks for it (the toolbar's Auto-layout and its direction):
 * the network reads in one direction, and inside an Inception definition the four branches run
 * in parallel lanes, in the order of the Concatenate's inputs, with the Concatenate after them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { canvas, node } from './canvas';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ gallery: true, viewport: { width: 1920, height: 1200 } });
});
afterAll(async () => {
  await app?.close();
});

/** GoogLeNet's top level, input to classifier: labels as the template names them. */
const CHAIN = ['Input', 'conv 7×7/2', 'pool1', 'norm1', 'conv 1×1', 'conv 3×3', 'norm2', 'pool2', 'inception 3a', 'inception 3b', 'pool3', 'inception 4a', 'inception 4b', 'inception 4c', 'inception 4d', 'inception 4e', 'pool4', 'inception 5a', 'inception 5b', 'avg pool 7×7', 'flatten', 'dropout', 'linear'];
/** An Inception module's branches, in the order they enter its Concatenate. */
const BRANCHES = [['Conv2D 1×1'], ['Conv2D 3×3 reduce', 'Conv2D 3×3'], ['Conv2D 5×5 reduce', 'Conv2D 5×5'], ['MaxPool2D pool 3×3', 'Conv2D pool proj']];

/** A layout runs in a worker and is applied when it is done: wait for it, not for a time. */
const SETTLE = { timeout: 20_000, interval: 200 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Axis = { start: 'x' | 'y'; size: 'width' | 'height' };
/** Along the flow, and across it (where lanes sit side by side). */
const axes = (down: boolean): { along: Axis; across: Axis } => {
  const [x, y]: Axis[] = [
    { start: 'x', size: 'width' },
    { start: 'y', size: 'height' },
  ];
  return down ? { along: y!, across: x! } : { along: x!, across: y! };
};
const end = (b: Box, a: Axis) => b[a.start] + b[a.size];

/** Show the whole graph (the Controls' fit, which zooms out as far as it takes) and read each node's box on screen. */
async function boxes(page: Page, names: (string | RegExp)[]): Promise<Box[]> {
  await canvas(page).getByRole('button', { name: 'Fit to view' }).click();
  return Promise.all(
    names.map(async (name) => {
      const box = await node(page, name).boundingBox({ timeout: 5000 });
      if (!box) throw new Error(`${String(name)} is not on the canvas`);
      return box;
    }),
  );
}

/**
 * Whether each layer of the chain comes after the one before it: further along the flow, or
 * (a long left-to-right graph folds into rows, read like text) back at the left of the next row.
 */
async function readsInOrder(page: Page, down: boolean): Promise<boolean> {
  const chain = await boxes(page, CHAIN.map((label) => new RegExp(` ${label}$`)));
  const { along } = axes(down);
  return chain.slice(1).every((b, i) => {
    const prev = chain[i]!;
    const wraps = !down && b.y >= end(prev, axes(false).across) && end(b, along) <= prev.x;
    return b[along.start] >= end(prev, along) || wraps;
  });
}

/** Whether the Inception definition on the canvas has its branches in lanes, as the file comment says. */
async function branchesInLanes(page: Page, down: boolean): Promise<boolean> {
  const [input, concat, ...flat] = await boxes(page, ['Block input in', 'Concatenate concat', ...BRANCHES.flat()]);
  const { along, across } = axes(down);
  let k = 0;
  const lanes = BRANCHES.map((branch) => flat.slice(k, (k += branch.length)));
  // Each lane's span across the flow; in port order, none overlapping the next.
  const spans = lanes.map((lane) => [Math.min(...lane.map((b) => b[across.start])), Math.max(...lane.map((b) => end(b, across)))] as const);
  const separate = spans.slice(1).every((s, i) => s[0] >= spans[i]![1]);
  // Within a lane, each layer after the one feeding it; every lane between the input and the Concatenate.
  const flowing = lanes.every((lane) => lane.slice(1).every((b, i) => b[along.start] >= end(lane[i]!, along)));
  const between = flat.every((b) => b[along.start] >= end(input!, along) && concat![along.start] >= end(b, along));
  return separate && flowing && between;
}

test('auto-layout puts GoogLeNet in order, and an Inception module’s four branches in parallel lanes', async () => {
  const { page } = app;
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'GoogLeNet', exact: true }).click();
  await node(page, 'Inception inception 3a').waitFor();
  const arrange = page.getByRole('navigation', { name: 'Arrange' });
  await arrange.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(() => readsInOrder(page, false), SETTLE).toBe(true);

  await node(page, 'Inception inception 3a').dblclick();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await crumbs.getByText('inception 3a (Inception)').waitFor();
  await arrange.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(() => branchesInLanes(page, false), SETTLE).toBe(true);

  // Top to bottom: the lanes stand side by side, and the network reads downwards.
  await arrange.getByRole('combobox', { name: 'Layout direction' }).selectOption({ label: 'Top to bottom' });
  await expect.poll(() => branchesInLanes(page, true), SETTLE).toBe(true);
  await crumbs.getByRole('button', { name: 'GoogLeNet' }).click();
  await crumbs.waitFor({ state: 'detached' });
  await expect.poll(() => readsInOrder(page, true), SETTLE).toBe(true);
  expect(app.errors).toEqual([]);
});
