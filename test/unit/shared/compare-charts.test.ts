import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../shared/api';
import { accuracyChart, publishedPoints, timeChart } from '../../../shared/compare/charts';

const comparison: Comparison = {
  engine: 'tfjs',
  backend: 'wasm',
  repeats: 5,
  rows: [
    { name: 'resnet18', template: 'resnet18', params: 11_689_512, macs: 1_814_073_344, activationBytes: 1, accuracy: { top1: 69.758, top5: 89.078, source: 's' }, times: [{ batch: 1, memory: 1, secondsPerImage: 0.1 }, { batch: 8, memory: 1, secondsPerImage: 0.05 }] },
    { name: 'vgg16', template: 'vgg16', params: 138_357_544, macs: 15_470_264_320, activationBytes: 1, accuracy: { top1: 71.592, top5: 90.382, source: 's' }, times: [{ batch: 1, memory: 1, secondsPerImage: 0.5 }, { batch: 8, memory: 1, skipped: 'too large' }] },
    { name: 'lenet5', template: 'lenet5', params: 61_706, macs: 416_520, activationBytes: 1, times: [{ batch: 1, memory: 1, secondsPerImage: 0.001 }] },
  ],
};

const radius = (svg: string, label: string) => Number(new RegExp(`r="([\\d.]+)"[^>]*><title>${label}<`).exec(svg)![1]);

describe('the Compare charts', () => {
  it('plots the networks with a published top-1, bubble area growing with parameters', () => {
    const points = publishedPoints(comparison);
    expect(points.map((p) => p.label)).toEqual(['resnet18', 'vgg16']);
    const svg = accuracyChart([...points, { label: 'My <net>', macs: 2e6, params: 50_000, accuracy: 98.2, own: true }]);
    expect(svg.match(/class="point"/g)).toHaveLength(2);
    expect(svg.match(/class="point own"/g)).toHaveLength(1);
    expect(svg).toContain('My &lt;net&gt;');
    expect(radius(svg, 'vgg16')).toBeGreaterThan(radius(svg, 'resnet18'));
    // ResNet-18's 1.8G MACs sit left of VGG-16's 15.5G on the log axis.
    const cx = (label: string) => Number(new RegExp(`cx="([\\d.]+)"[^>]*><title>${label}<`).exec(svg)![1]);
    expect(cx('resnet18')).toBeLessThan(cx('vgg16'));
  });

  it('draws one line per network with the batch sizes that were timed', () => {
    const svg = timeChart(comparison);
    expect(svg).toContain('Forward time per image (tfjs, wasm)');
    expect(svg.match(/class="series"/g)).toHaveLength(3);
    const vgg = /d="([^"]+)"[^>]*><title>vgg16</.exec(svg)![1]!;
    expect(vgg.match(/[ML]/g)).toHaveLength(1); // batch 8 was skipped
  });

  it('says so when there is nothing to draw', () => {
    expect(accuracyChart([])).toContain('No network with a published or measured accuracy');
    expect(timeChart({ ...comparison, rows: [] })).toContain('No batch size was timed');
  });
});
