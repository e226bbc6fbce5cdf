/**
 * The document's lifecycle in the browser mode, as a new user meets it (issue #18), at two window
 * sizes: New, a template and Open ask before unsaved edits are replaced (Cancel keeps them, Save
 * writes a file first); the title carries the unsaved marker until Save (Ctrl+S); reloading the
 * tab offers the work back before any gallery, one dialog at a time. Then, once: saving through
 * Chromium's File System Access API (the pickers stood in for, since headless Chromium cancels
 * them) writes the same file again on the next Save; a recent file opens by path and Save writes
 * it back; a file dropped on the window opens; the `?` overlay lists the file shortcuts.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { saveDocument } from '../../shared/graph/load';
import { lenet5 } from '../../shared/templates/lenet5';
import { dropLayer } from './canvas';
import { layerCount, unsavedDialog, waitForLayers } from './editor';
import { useApp, WINDOW_SIZES } from './harness';

/** Wait until the title does (or does not) carry the unsaved marker. */
const waitForMarker = (page: Page, marked: boolean) => page.waitForFunction((m) => document.title.startsWith('• ') === m, marked);

/** Do `act` and return the file it downloads. */
async function downloadOf(page: Page, act: () => Promise<unknown>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), act()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

const toast = (page: Page) => page.getByRole('status', { name: 'Message' });
const gallery = (page: Page) => page.getByRole('dialog', { name: 'Templates' });
const openDialogs = (page: Page) => page.locator('dialog[open], [aria-modal="true"]').count();

/** The autosaved documents in the data folder, by their node counts (written a second after the last edit). */
function autosavedNodeCounts(dataDir: string): number[] {
  const dir = join(dataDir, 'autosave');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { doc: { graph: { nodes: unknown[] } } }).doc.graph.nodes.length);
}

/** Wait (on the file system) until an autosave holds a document with `n` nodes. */
async function waitForAutosave(dataDir: string, n: number): Promise<void> {
  await expect.poll(() => autosavedNodeCounts(dataDir), { timeout: 30_000 }).toContain(n);
}

for (const size of WINDOW_SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    const session = useApp({ viewport: size });

    test('New asks about unsaved edits: Cancel keeps them; Save writes the file, then a new document opens', async () => {
      const { page, errors } = session.app;
      expect(await page.title()).toBe('Untitled — Netwright');
      await dropLayer(page, 'Input', { x: 160, y: 160 });
      await waitForLayers(page, 1);
      expect(await page.title()).toBe('• Untitled — Netwright');

      await page.getByRole('button', { name: 'New', exact: true }).click();
      const dialog = unsavedDialog(page);
      await dialog.getByText('Your changes will be lost if you don’t save them.').waitFor();
      expect(await openDialogs(page)).toBe(1);
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await layerCount(page)).toBe(1);
      expect(await page.title()).toBe('• Untitled — Netwright');

      await page.getByRole('button', { name: 'New', exact: true }).click();
      const saved = await downloadOf(page, () => dialog.getByRole('button', { name: 'Save', exact: true }).click());
      expect(saved.name).toBe('Untitled.netwright.json');
      expect(JSON.parse(saved.text).graph.nodes).toHaveLength(1);
      await waitForLayers(page, 0);
      await toast(page).getByText('Downloaded Untitled.netwright.json', { exact: false }).waitFor();
      expect(await page.title()).toBe('Untitled — Netwright');
      expect(errors).toEqual([]);
    });

    test('the title shows the marker after an edit and loses it after Ctrl+S (and after undoing back to the saved state)', async () => {
      const { page } = session.app;
      await dropLayer(page, 'Input', { x: 160, y: 160 });
      await waitForMarker(page, true);
      const saved = await downloadOf(page, () => page.keyboard.press('Control+s'));
      expect(JSON.parse(saved.text).graph.nodes).toHaveLength(1);
      await waitForMarker(page, false);
      expect(await page.title()).toBe('Untitled.netwright.json — Netwright');

      await dropLayer(page, 'Conv2D', { x: 420, y: 160 });
      await waitForMarker(page, true);
      await page.keyboard.press('Control+z');
      await waitForLayers(page, 1);
      await waitForMarker(page, false);
    });

    test('a template and Open… ask first too; Escape is Cancel', async () => {
      const { page } = session.app;
      await dropLayer(page, 'Flatten', { x: 160, y: 260 });
      await waitForLayers(page, 2);
      for (const open of [() => page.getByRole('button', { name: 'LeNet-5', exact: true }).click(), () => page.keyboard.press('Control+o')]) {
        await open();
        await unsavedDialog(page).waitFor();
        await page.keyboard.press('Escape');
        await unsavedDialog(page).waitFor({ state: 'detached' });
        expect(await layerCount(page)).toBe(2);
        await waitForMarker(page, true);
      }
      // Don't save: the template replaces the edits.
      await page.getByRole('button', { name: 'LeNet-5', exact: true }).click();
      await unsavedDialog(page).getByRole('button', { name: 'Don’t save', exact: true }).click();
      await page.getByRole('contentinfo', { name: 'Status' }).getByText('61,706 parameters').waitFor();
      await waitForMarker(page, false);
    });

    test('reloading the tab offers the work back, before any gallery and alone; Discard brings the gallery', async () => {
      const { page, dataDir, errors } = session.app;
      page.on('dialog', (d) => void d.accept()); // the browser's own "Leave site?" before unloading unsaved edits
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await waitForLayers(page, 0);
      await dropLayer(page, 'Input', { x: 160, y: 160 });
      await dropLayer(page, 'Conv2D', { x: 420, y: 160 });
      await waitForAutosave(dataDir, 2);

      await page.reload();
      const offer = page.getByRole('dialog', { name: 'Restore unsaved work?' });
      await offer.getByText('This window was reloaded before “Untitled” was saved (2 nodes', { exact: false }).waitFor();
      expect(await gallery(page).count()).toBe(0);
      expect(await openDialogs(page)).toBe(1);
      await offer.getByRole('button', { name: 'Restore' }).click();
      await waitForLayers(page, 2);
      await waitForMarker(page, true);
      expect(await gallery(page).count()).toBe(0);

      // Once more, declined: the work is gone for good and the gallery greets the window.
      await waitForAutosave(dataDir, 2);
      await page.reload();
      await offer.getByRole('button', { name: 'Discard' }).click();
      await gallery(page).waitFor();
      expect(await openDialogs(page)).toBe(1);
      await page.keyboard.press('Escape');
      await gallery(page).waitFor({ state: 'detached' });
      await waitForLayers(page, 0);
      await waitForMarker(page, false);
      expect(errors).toEqual([]);
    });
  });
}

describe('files, once', () => {
  const session = useApp();
  const scratch = mkdtempSync(join(tmpdir(), 'netwright-e2e-lifecycle-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the ? overlay lists the file shortcuts; Ctrl+O opens through a file input where there is no picker', async () => {
    const { page } = session.app;
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [keys, what] of [
      ['Ctrl+N', 'New document'],
      ['Ctrl+O', 'Open a document'],
      ['Ctrl+S', 'Save (to the file the document came from)'],
      ['Ctrl+Shift+S', 'Save as a new file'],
      ['F', 'Fit the graph into view'],
      ['Ctrl+Shift+L', 'Auto-layout'],
    ] as const) {
      await help.getByRole('row', { name: new RegExp(`^${keys.replace(/\+/g, '\\+')} ${what.replace(/[()]/g, '\\$&')}`) }).waitFor();
    }
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    const chosen = page.waitForEvent('filechooser');
    // The wait turns on Playwright's catching of file choosers; a round trip makes sure it is on before the key (a click's own checks would give it time).
    await page.evaluate(() => undefined);
    await page.keyboard.press('Control+o');
    const chooser = await chosen;
    await chooser.setFiles({ name: 'LeNet.netwright.json', mimeType: 'application/json', buffer: Buffer.from(saveDocument(lenet5())) });
    await waitForLayers(page, 9);
    expect(await page.title()).toBe('LeNet.netwright.json — Netwright');
  });

  test('a recent file opens by path, Save writes it back there, and a file that is gone leaves the list', async () => {
    const { page, dataDir } = session.app;
    const file = join(scratch, 'Recent net.netwright.json');
    writeFileSync(file, saveDocument({ ...lenet5(), name: 'Recent net' }));
    const gone = join(scratch, 'Gone.netwright.json');
    writeFileSync(join(dataDir, 'recent.json'), JSON.stringify([{ path: file }, { path: gone }]));

    await page.getByRole('button', { name: 'Recent ▾' }).click();
    const menu = page.getByRole('menu', { name: 'Recent files' });
    await menu.getByRole('menuitem', { name: 'Recent net.netwright.json' }).waitFor();
    expect(await menu.getByRole('menuitem').count()).toBe(1);
    await menu.getByRole('menuitem', { name: 'Recent net.netwright.json' }).click();
    await page.waitForFunction(() => document.title === 'Recent net.netwright.json — Netwright');
    expect(JSON.parse(readFileSync(join(dataDir, 'recent.json'), 'utf8'))).toEqual([{ name: 'Recent net.netwright.json', path: file }]);

    await page.getByRole('textbox', { name: 'Document name' }).fill('Written back');
    await waitForMarker(page, true);
    await page.keyboard.press('Control+s');
    await toast(page).getByText(`Saved ${file}`).waitFor();
    await waitForMarker(page, false);
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('Written back');
  });

  test('a document dropped on the window opens', async () => {
    const { page } = session.app;
    const text = saveDocument({ ...lenet5(), name: 'Dropped' });
    await page.evaluate((json) => {
      const data = new DataTransfer();
      data.items.add(new File([json], 'Dropped.netwright.json', { type: 'application/json' }));
      const at = document.querySelector('.canvas')!;
      at.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      at.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => document.title === 'Dropped.netwright.json — Netwright');
    await expect.poll(() => page.getByRole('textbox', { name: 'Document name' }).inputValue()).toBe('Dropped');
    expect(session.app.errors).toEqual([]);
  });
});

describe('with the File System Access API', () => {
  const session = useApp({ fileSystemAccess: true });

  /** Stand-in pickers: each handle records what is written to it; the open picker offers LeNet-5. */
  async function standInPickers(page: Page, lenet: string): Promise<void> {
    await page.evaluate((opened) => {
      type Log = { picks: string[]; written: { name: string; text: string }[]; cancelNext: boolean };
      const log: Log = { picks: [], written: [], cancelNext: false };
      (window as unknown as { pickerLog: Log }).pickerLog = log;
      const handle = (name: string, text = '') => ({
        kind: 'file',
        name,
        getFile: async () => new File([text], name),
        createWritable: async () => {
          let data = '';
          return {
            write: async (d: string | Blob) => void (data += typeof d === 'string' ? d : await d.text()),
            close: async () => void log.written.push({ name, text: data }),
          };
        },
      });
      const w = window as unknown as Record<string, unknown>;
      w.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
        if (log.cancelNext) {
          log.cancelNext = false;
          throw new DOMException('The user aborted a request.', 'AbortError');
        }
        log.picks.push(suggestedName);
        return handle(suggestedName.replace('.netwright.json', ' (picked).netwright.json'));
      };
      w.showOpenFilePicker = async () => [handle('Opened.netwright.json', opened)];
    }, lenet);
  }

  const pickerLog = (page: Page) => page.evaluate(() => (window as unknown as { pickerLog: { picks: string[]; written: { name: string; text: string }[] } }).pickerLog);

  test('Save asks once for a file and then writes the same file; Save as asks again; a cancelled picker changes nothing', async () => {
    const { page } = session.app;
    await standInPickers(page, saveDocument(lenet5()));
    await dropLayer(page, 'Input', { x: 160, y: 160 });
    await waitForMarker(page, true);

    await page.evaluate(() => ((window as unknown as { pickerLog: { cancelNext: boolean } }).pickerLog.cancelNext = true));
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => (window as unknown as { pickerLog: { cancelNext: boolean } }).pickerLog.cancelNext === false);
    expect(await page.title()).toBe('• Untitled — Netwright');

    await page.keyboard.press('Control+s');
    await toast(page).getByText('Saved Untitled (picked).netwright.json').waitFor();
    await waitForMarker(page, false);
    expect(await page.title()).toBe('Untitled (picked).netwright.json — Netwright');

    await dropLayer(page, 'Conv2D', { x: 420, y: 160 });
    await waitForMarker(page, true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForMarker(page, false);
    let log = await pickerLog(page);
    expect(log.picks).toEqual(['Untitled.netwright.json']);
    expect(log.written.map((w) => [w.name, JSON.parse(w.text).graph.nodes.length])).toEqual([
      ['Untitled (picked).netwright.json', 1],
      ['Untitled (picked).netwright.json', 2],
    ]);

    await page.keyboard.press('Control+Shift+S');
    await page.waitForFunction(() => (window as unknown as { pickerLog: { picks: string[] } }).pickerLog.picks.length === 2);
    log = await pickerLog(page);
    expect(log.picks[1]).toBe('Untitled (picked).netwright.json');
  });

  test('a document opened with the open picker is saved back to its own file', async () => {
    const { page } = session.app;
    await page.getByRole('button', { name: 'Open…' }).click();
    await waitForLayers(page, 9);
    expect(await page.title()).toBe('Opened.netwright.json — Netwright');
    await page.getByRole('textbox', { name: 'Document name' }).fill('Edited');
    await waitForMarker(page, true);
    await page.keyboard.press('Control+s');
    await waitForMarker(page, false);
    const last = (await pickerLog(page)).written.at(-1)!;
    expect([last.name, JSON.parse(last.text).name]).toEqual(['Opened.netwright.json', 'Edited']);
    expect(session.app.errors).toEqual([]);
  });
});
