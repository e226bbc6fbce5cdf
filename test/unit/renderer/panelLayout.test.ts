/**
 * The window's layout (store/panels.ts): panel sizes kept within their limits, remembered in
 * localStorage and read back checked; the handles' keys (panels/Separator.tsx).
 */
import { describe, expect, it } from 'vitest';
import { keyedSize, KEY_STEP } from '../../../renderer/src/panels/Separator';
import { clampSize, initialDock, initialLayout, LAYOUT_KEY, PANEL_LIMITS, readLayout, usePanels, writeLayout, type PanelLayout } from '../../../renderer/src/store/panels';

/** An in-memory Storage. */
function memory(init: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { data: Record<string, string> } {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('panel sizes', () => {
  it('stay within each panel’s limits, rounded', () => {
    expect(clampSize('palette', 90)).toBe(PANEL_LIMITS.palette.min);
    expect(clampSize('inspector', 10_000)).toBe(PANEL_LIMITS.inspector.max);
    expect(clampSize('dock', 300.4)).toBe(300);
    expect(clampSize('dock', Number.NaN)).toBe(PANEL_LIMITS.dock.initial);
  });

  it('start with a shorter dock in a short window', () => {
    expect(initialDock(900)).toBe(260);
    expect(initialDock(700)).toBe(210);
    expect(initialDock(300)).toBe(PANEL_LIMITS.dock.min);
  });
});

describe('the remembered layout', () => {
  it('round-trips through storage', () => {
    const storage = memory();
    const layout: PanelLayout = { sizes: { palette: 250, inspector: 300, dock: 400 }, collapsed: { palette: true, inspector: false, dock: false }, overview: false };
    writeLayout(storage, layout);
    expect(JSON.parse(storage.data[LAYOUT_KEY]!)).toEqual(layout);
    expect(readLayout(storage)).toEqual(layout);
  });

  it('is the initial one when nothing, or something broken, was stored', () => {
    expect(readLayout(undefined)).toEqual(initialLayout);
    expect(readLayout(memory({ [LAYOUT_KEY]: 'not json' }))).toEqual(initialLayout);
    expect(readLayout(memory(), 700).sizes.dock).toBe(210);
  });

  it('checks each part: sizes clamped, wrong types dropped', () => {
    const stored = { sizes: { palette: 5, inspector: 'wide', dock: 5000 }, collapsed: { dock: 'yes', palette: true }, overview: 0 };
    const layout = readLayout(memory({ [LAYOUT_KEY]: JSON.stringify(stored) }));
    expect(layout.sizes).toEqual({ palette: PANEL_LIMITS.palette.min, inspector: initialLayout.sizes.inspector, dock: PANEL_LIMITS.dock.max });
    expect(layout.collapsed).toEqual({ palette: true, inspector: false, dock: false });
    expect(layout.overview).toBe(true);
  });
});

describe('the panel store', () => {
  it('resizing a collapsed panel opens it; collapsing the dock ends its maximised state', () => {
    const s = () => usePanels.getState();
    s().setCollapsed('palette', true);
    s().resizePanel('palette', 300);
    expect(s().layout.collapsed.palette).toBe(false);
    expect(s().layout.sizes.palette).toBe(300);
    s().maximiseDock(true);
    s().setCollapsed('dock', true);
    expect(s().dockMaximised).toBe(false);
    s().showDock('summary');
    expect(s().layout.collapsed.dock).toBe(false);
  });
});

describe('a handle’s keys', () => {
  const handle = { value: 200, min: 100, max: 400 };
  it('grow the panel the way the arrow points away from it', () => {
    expect(keyedSize('ArrowRight', false, { ...handle, grow: 1, orientation: 'vertical' })).toBe(200 + KEY_STEP);
    expect(keyedSize('ArrowRight', false, { ...handle, grow: -1, orientation: 'vertical' })).toBe(200 - KEY_STEP);
    expect(keyedSize('ArrowUp', false, { ...handle, grow: -1, orientation: 'horizontal' })).toBe(200 + KEY_STEP);
    expect(keyedSize('ArrowDown', true, { ...handle, grow: -1, orientation: 'horizontal' })).toBe(200 - 5 * KEY_STEP);
  });

  it('go to the limits with Home and End, and leave other keys alone', () => {
    expect(keyedSize('Home', false, { ...handle, grow: 1, orientation: 'vertical' })).toBe(100);
    expect(keyedSize('End', false, { ...handle, grow: 1, orientation: 'vertical' })).toBe(400);
    expect(keyedSize('ArrowUp', false, { ...handle, grow: 1, orientation: 'vertical' })).toBeUndefined();
    expect(keyedSize('a', false, { ...handle, grow: 1, orientation: 'vertical' })).toBeUndefined();
  });
});
