/** A run's default name says what differs from the previous run. */
import { describe, expect, it } from 'vitest';
import { defaultRunName, optimizerText } from '../../../shared/runName';
import { lenet5 } from '../../../shared/templates/lenet5';
import { buildTemplate } from '../../../shared/templates/index';

const doc = lenet5();
const settings = doc.training;

describe('defaultRunName', () => {
  it('names a first run by its document, optimizer and learning rate', () => {
    expect(defaultRunName({ doc, settings })).toBe('LeNet-5 · SGD lr 0.05 momentum 0.9');
    expect(optimizerText({ optimizer: 'adam', learningRate: 0.001, momentum: 0.9 })).toBe('Adam lr 0.001');
  });

  it('says what differs from the previous run of the same document', () => {
    const previous = { doc, settings };
    expect(defaultRunName({ doc, settings: { ...settings, optimizer: 'adam', learningRate: 0.001 } }, previous)).toBe('LeNet-5 · Adam lr 0.001');
    expect(defaultRunName({ doc, settings: { ...settings, batchSize: 64, epochs: 1 } }, previous)).toBe('LeNet-5 · batch 64 · 1 epoch');
    expect(defaultRunName({ doc, settings: { ...settings, augmentation: { flip: true, crop: 4 } } }, previous)).toBe('LeNet-5 · augmented (flip, crop 4)');
    expect(defaultRunName({ doc, settings: { ...settings, limit: 1000 } }, previous)).toBe('LeNet-5 · first 1000 samples');
    expect(defaultRunName({ doc, settings, engine: 'torch' }, previous)).toBe('LeNet-5 · torch engine');
    expect(defaultRunName({ doc, settings }, previous)).toBe('LeNet-5 · again');
  });

  it('names a change of the network before the settings', () => {
    const wider = lenet5();
    wider.graph.nodes[1]!.params = { ...wider.graph.nodes[1]!.params, filters: 8 };
    expect(defaultRunName({ doc: wider, settings: { ...settings, seed: 2 } }, { doc, settings })).toBe('LeNet-5 · network changed (1 layer) · seed 2');
  });

  it('starts afresh after a run of another document', () => {
    const vgg = buildTemplate('mini-vgg')!;
    expect(defaultRunName({ doc: vgg, settings: vgg.training }, { doc, settings })).toBe('Mini-VGG · Adam lr 0.001');
  });
});
