import { describe, expect, it } from 'vitest';
import { PUBLISHED_ACCURACY, publishedAccuracy } from '../../../shared/accuracy';
import { templateIds } from '../../../shared/templates/index';

describe('published ImageNet accuracies', () => {
  it('names only templates, once each, with a source and top-5 above top-1', () => {
    const ids = PUBLISHED_ACCURACY.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of PUBLISHED_ACCURACY) {
      expect(templateIds).toContain(a.id);
      expect(a.source.length).toBeGreaterThan(10);
      expect(a.top5).toBeGreaterThan(a.top1 ?? 0);
      expect(a.top5).toBeLessThan(100);
    }
  });

  it('has torchvision\'s figures for its layouts and the papers\' for the others', () => {
    expect(publishedAccuracy('resnet18')).toMatchObject({ top1: 69.758, top5: 89.078, source: expect.stringContaining('ResNet18_Weights') });
    expect(publishedAccuracy('vgg16')).toMatchObject({ top1: 71.592, top5: 90.382 });
    // AlexNet's paper: 40.7% and 18.2% error; GoogLeNet's: 10.07% top-5 error and no top-1.
    expect(publishedAccuracy('alexnet')).toMatchObject({ top1: 59.3, top5: 81.8, source: expect.stringContaining('Krizhevsky') });
    expect(publishedAccuracy('googlenet')?.top1).toBeUndefined();
    expect(publishedAccuracy('googlenet')?.top5).toBeCloseTo(100 - 10.07, 10);
    expect(publishedAccuracy('se-resnet50')).toMatchObject({ top1: 76.71, top5: 93.38 });
  });

  it('has nothing for the nets that never ran on ImageNet', () => {
    for (const id of ['lenet5', 'resnet20-cifar', 'mini-vgg', 'inception-naive']) expect(publishedAccuracy(id)).toBeUndefined();
  });
});
