/**
 * Building a network by hand: drop every basic layer from the palette, wire them, set
 * parameters in the inspector, and read the shapes on the nodes and edges.
 */
import { expect, test } from 'vitest';
import { connect, dropLayer, edge, inspector, node, select, setField } from './canvas';
import { useApp } from './harness';

const session = useApp();

const layout: [string, { x: number; y: number }][] = [
  ['Input', { x: 120, y: 80 }],
  ['Conv2D', { x: 380, y: 80 }],
  ['MaxPool2D', { x: 640, y: 80 }],
  ['AvgPool2D', { x: 120, y: 260 }],
  ['Flatten', { x: 380, y: 260 }],
  ['Dense', { x: 640, y: 260 }],
  ['Activation', { x: 120, y: 440 }],
  ['Dropout', { x: 380, y: 440 }],
];

test('drop layers from the palette, wire them and read the shapes', async () => {
  const { page } = session.app;
  for (const [title, at] of layout) {
    await dropLayer(page, title, at);
    await node(page, new RegExp(`^${title} `)).waitFor();
  }
  expect(await page.locator('.react-flow__node').count()).toBe(layout.length);

  const input = node(page, /^Input /);
  const conv = node(page, /^Conv2D /);
  const pool = node(page, /^MaxPool2D /);
  await connect(page, input, conv);
  await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();

  await select(conv);
  await inspector(page).getByRole('form', { name: 'Conv2D settings' }).waitFor();
  await setField(page, 'Filters', '6');
  await setField(page, 'Kernel', '5');
  await conv.getByText('Conv2D 6@5×5 → 24×24×6').waitFor();
  await inspector(page).getByText('24×24×6').waitFor();

  await connect(page, conv, pool);
  await pool.getByText('MaxPool2D 2×2 /2 → 12×12×6').waitFor();
  // An SVG group has no box of its own, so wait for it to exist; its label is checked as visible.
  await edge(page, /^Conv2D .* to MaxPool2D .*: 24×24×6$/).waitFor({ state: 'attached' });
  await page.locator('.shape-edge__label', { hasText: /^24×24×6$/ }).waitFor();

  // Downstream shapes follow an upstream edit at once.
  await setField(page, 'Filters', '8');
  await pool.getByText('MaxPool2D 2×2 /2 → 12×12×8').waitFor();
  await page.locator('.shape-edge__label', { hasText: /^24×24×8$/ }).waitFor();

  // Delete removes the selected layer and its connections.
  const dropout = node(page, /^Dropout /);
  await select(dropout);
  await page.keyboard.press('Delete');
  await dropout.waitFor({ state: 'detached' });
  expect(await page.locator('.react-flow__node').count()).toBe(layout.length - 1);
  expect(session.app.errors).toEqual([]);
});
