/** The quick-add box's matcher and catalogue, and the keyboard shortcut table. */
import { describe, expect, it } from 'vitest';
import { builtinBlocks } from '../../../shared/blocks/library';
import { commandFor, keyLabel } from '../../../renderer/src/commands/shortcuts';
import { catalogue } from '../../../renderer/src/quickAdd/catalogue';
import { fuzzyFilter, nameScore } from '../../../renderer/src/quickAdd/fuzzy';

const entries = catalogue([], builtinBlocks());
const names = (q: string) => fuzzyFilter(entries, q).map((e) => e.name);

describe('fuzzy matching', () => {
  it('puts name prefixes first, shorter names before longer', () => {
    expect(names('incep').slice(0, 2)).toEqual(['Inception', 'Inception (naive)']);
    expect(names('conv')[0]).toBe('Conv2D');
    expect(names('Dense')[0]).toBe('Dense');
  });

  it('matches letters in order and word starts', () => {
    expect(names('mp2')[0]).toBe('MaxPool2D');
    expect(names('gap')[0]).toBe('GlobalAvgPool2D');
    expect(nameScore('xyz', 'Conv2D')).toBeUndefined();
  });

  it('finds layers by category and description words too, every word of the query counting', () => {
    expect(names('relu')).toContain('Activation');
    expect(names('pooling')).toEqual(expect.arrayContaining(['MaxPool2D', 'AvgPool2D']));
    expect(names('residual projection')[0]).toBe('Residual basic (projection)');
    expect(names('squeeze')).toContain('Squeeze-excitation');
    expect(names('qqqq')).toEqual([]);
  });

  it('lists every layer for an empty query, without block inputs and outputs', () => {
    const all = names('');
    expect(all).toContain('Conv2D');
    expect(all).not.toContain('Block input');
    expect(all.length).toBe(entries.length);
  });
});

describe('shortcuts', () => {
  const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
    commandFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('maps keys to commands with Ctrl or ⌘', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('a', { ctrlKey: true })).toBe('selectAll');
    expect(press('d', { metaKey: true })).toBe('duplicate');
    expect(press('Delete')).toBe('delete');
    expect(press('Backspace')).toBe('delete');
    expect(press('/')).toBe('quickAdd');
    expect(press('?', { shiftKey: true })).toBe('help');
  });

  it('ignores plain letters and other modifiers', () => {
    expect(press('z')).toBeUndefined();
    expect(press('z', { ctrlKey: true, altKey: true })).toBeUndefined();
    expect(press('a')).toBeUndefined();
  });

  it('writes keys the platform way', () => {
    expect(keyLabel('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(keyLabel('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});
