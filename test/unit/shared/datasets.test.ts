/** Dataset spec strings: what parses, to what, and the messages for what does not. */
import { describe, expect, it } from 'vitest';
import { datasetTitle, formatDatasetSpec, parseDatasetSpec } from '../../../shared/datasets';
import { TrainingSchema, DEFAULT_TRAINING } from '../../../shared/graph/schema';

describe('parseDatasetSpec', () => {
  it.each([
    ['mnist', { kind: 'mnist' }],
    ['fashion-mnist', { kind: 'fashion-mnist' }],
    ['synthetic:32:10', { kind: 'synthetic', height: 32, width: 32, classes: 10, channels: 3 }],
    ['synthetic:64x48:5:1', { kind: 'synthetic', height: 64, width: 48, classes: 5, channels: 1 }],
    ['synthetic:224:1000', undefined],
    ['./photos', { kind: 'folder', path: './photos' }],
    ['/data/flowers', { kind: 'folder', path: '/data/flowers' }],
    ['~/pets', { kind: 'folder', path: '~/pets' }],
    ['cifar10', { kind: 'cifar10' }],
    ['cifar10:/data/cifar', { kind: 'cifar10', dir: '/data/cifar' }],
    ['cifar10:C:\\data\\cifar', { kind: 'cifar10', dir: 'C:\\data\\cifar' }],
    ['cifar100', { kind: 'cifar100', labels: 'fine' }],
    ['cifar100:coarse', { kind: 'cifar100', labels: 'coarse' }],
    ['cifar100:fine:~/c100', { kind: 'cifar100', labels: 'fine', dir: '~/c100' }],
    ['cifar100:coarse:./c100', { kind: 'cifar100', labels: 'coarse', dir: './c100' }],
    ['cifar100:./coarse', { kind: 'cifar100', labels: 'fine', dir: './coarse' }],
    ['cifar10:coarse', { kind: 'cifar10', dir: 'coarse' }],
    ['cifar', undefined],
    ['cifar1000', undefined],
    ['cifar10:', undefined],
  ])('%s', (text, spec) => {
    const parsed = parseDatasetSpec(text);
    if (spec) expect(parsed).toEqual({ ok: true, spec });
    else expect(parsed.ok).toBe(false);
  });

  it('explains what is wrong', () => {
    expect(parseDatasetSpec('mnsit')).toEqual({ ok: false, message: expect.stringMatching(/^Unknown dataset "mnsit": use mnist, fashion-mnist, cifar10\[:DIR\], cifar100\[:coarse\]\[:DIR\], synthetic:SIZE:CLASSES/) });
    expect(parseDatasetSpec('synthetic:32')).toMatchObject({ ok: false, message: expect.stringMatching(/write synthetic:SIZE:CLASSES/) });
    expect(parseDatasetSpec('synthetic:2:10')).toMatchObject({ ok: false, message: 'Synthetic images must be 4 to 1024 pixels high and wide (got 2×2).' });
    expect(parseDatasetSpec('synthetic:32:1')).toMatchObject({ ok: false, message: 'A synthetic dataset has 2 to 100 classes (got 1).' });
    expect(parseDatasetSpec('synthetic:32:10:5')).toMatchObject({ ok: false, message: 'Synthetic images have 1 to 4 channels (got 5).' });
  });

  it('says a CIFAR spec with a colon needs a folder after it', () => {
    expect(parseDatasetSpec('cifar100:coarse:')).toEqual({ ok: false, message: '"cifar100:coarse:" names no folder after the colon: write cifar100 (the data folder\'s cache) or cifar100:DIR.' });
  });

  it('round-trips through formatDatasetSpec', () => {
    for (const text of ['mnist', 'fashion-mnist', 'synthetic:32x16:7:1', '/data/x', 'cifar10', 'cifar10:/d', 'cifar100', 'cifar100:coarse', 'cifar100:coarse:/d', 'cifar100:/d']) {
      const parsed = parseDatasetSpec(text);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(parseDatasetSpec(formatDatasetSpec(parsed.spec))).toEqual(parsed);
      expect(formatDatasetSpec(parsed.spec)).toBe(text);
    }
    expect(formatDatasetSpec({ kind: 'cifar100', labels: 'fine', dir: '/d' })).toBe('cifar100:/d');
  });

  it('names CIFAR as people write it', () => {
    const title = (text: string) => {
      const parsed = parseDatasetSpec(text);
      return parsed.ok ? datasetTitle(parsed.spec) : parsed.message;
    };
    expect([title('cifar10:/d'), title('cifar100'), title('cifar100:coarse')]).toEqual(['CIFAR-10', 'CIFAR-100', 'CIFAR-100 (20 superclasses)']);
  });

  it('is what the document schema accepts', () => {
    expect(TrainingSchema.safeParse({ ...DEFAULT_TRAINING, dataset: 'synthetic:32:10' }).success).toBe(true);
    const bad = TrainingSchema.safeParse({ ...DEFAULT_TRAINING, dataset: 'cifar' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/Unknown dataset "cifar"/);
  });
});
