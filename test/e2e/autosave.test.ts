/**
 * Autosave and recovery as a crash would test it: edit, kill the browser-mode server with
 * SIGKILL in the middle of editing, start it again on the same data folder, and get back every
 * edit made more than 2 s before the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { connect, dropLayer, inspector, node, select } from './canvas';
import { dismissGallery, layerCount, waitForLayers } from './editor';
import { startApp, type App } from './harness';

const dataDir = mkdtempSync(join(tmpdir(), 'netwright-e2e-autosave-'));
const apps: App[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const restoreDialog = (app: App) => app.page.getByRole('dialog', { name: 'Restore unsaved work?' });

describe('faults: a server killed in the middle of editing', () => {
  test('a killed server loses no edit older than 2 s: the next start offers them back', async () => {
    const first = await startApp({ dataDir });
    apps.push(first);
    const { page } = first;
    await dropLayer(page, 'Input', { x: 140, y: 140 });
    await dropLayer(page, 'Conv2D', { x: 420, y: 140 });
    await connect(page, node(page, /^Input /), node(page, /^Conv2D /));
    await select(node(page, /^Conv2D /));
    const filters = inspector(page).getByLabel('Filters', { exact: true });
    await filters.fill('48');
    await node(page, /^Conv2D /).getByText('Conv2D 48@3×3 → 26×26×48').waitFor();
    await page.keyboard.press('Tab');

    // More than 2 s later: a second window of the same app is not offered the open one's work…
    await page.waitForTimeout(2200);
    const second = await first.context.newPage();
    await second.goto(first.url);
    await second.getByRole('complementary', { name: 'Layers' }).waitFor();
    await second.waitForTimeout(1500);
    expect(await second.getByRole('dialog', { name: 'Restore unsaved work?' }).count()).toBe(0);
    await second.close();
    // …then one more edit, and the server dies in the middle of it.
    await dropLayer(page, 'Flatten', { x: 140, y: 360 });
    first.killServer();
    await first.close();

    const restarted = await startApp({ dataDir, gallery: true });
    apps.push(restarted);
    const dialog = restoreDialog(restarted);
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Untitled|nodes/);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await dialog.waitFor({ state: 'detached' });
    await restarted.page.getByRole('dialog', { name: 'Templates' }).waitFor({ state: 'detached' });

    // Everything older than 2 s is back: the two layers, their connection and the 48 filters.
    const conv = node(restarted.page, /^Conv2D /);
    await conv.getByText('Conv2D 48@3×3 → 26×26×48').waitFor();
    await node(restarted.page, /^Input /).waitFor();
    expect(await layerCount(restarted.page)).toBeGreaterThanOrEqual(2);
    expect(restarted.errors).toEqual([]);
  });

  test('declining the offer forgets the unsaved work for good', async () => {
    const third = await startApp({ dataDir, gallery: true });
    apps.push(third);
    // The restored work became the restarted window's autosave; that window is gone now.
    const dialog = restoreDialog(third);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await dialog.waitFor({ state: 'detached' });
    await dismissGallery(third.page);
    await waitForLayers(third.page, 0);
    await third.close();

    const fourth = await startApp({ dataDir });
    apps.push(fourth);
    await fourth.page.getByRole('complementary', { name: 'Layers' }).waitFor();
    // Give the offer time to appear if it were going to.
    await fourth.page.waitForTimeout(1000);
    expect(await restoreDialog(fourth).count()).toBe(0);
  });
});
