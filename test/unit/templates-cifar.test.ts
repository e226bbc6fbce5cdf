/**
 * The CIFAR-10 nets of He et al. 2015 (section 4.2) against the same nets written by hand in
 * PyTorch (test/python/cifar_reference.py, Debian's python3-torch): parameters exactly, 6n + 2
 * weighted layers, and the paper's table 6 (ResNet-20 0.27M, ResNet-56 0.85M) for option A, the
 * shortcut the templates use as the paper did.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inferGraph } from '../../shared/infer';
import { buildTemplate } from '../../shared/templates/index';
import { describeWhen } from '../skip';
import { PYTHON, pythonHas } from './codegen/python';

/** Template → [n, the reference's variant]: the ResNets' shortcuts are option A (zero channels where the shape changes). */
const NETS = { 'plain20-cifar': [3, 'plain'], 'resnet20-cifar': [3, 'A'], 'plain56-cifar': [9, 'plain'], 'resnet56-cifar': [9, 'A'] } as const;
const TABLE6 = { 3: 0.27, 9: 0.85 };

const hasTorch = pythonHas('torch');
if (!hasTorch) console.warn(`Skipping the CIFAR nets' PyTorch reference: ${PYTHON} cannot import torch (apt-get install python3-torch).`);

describeWhen(hasTorch, 'torch')('the CIFAR nets against PyTorch', () => {
  const run = spawnSync(PYTHON, [join(__dirname, '..', 'python', 'cifar_reference.py'), '3', '9'], { encoding: 'utf8', timeout: 300_000 });
  const reference = JSON.parse(run.stdout || '{}') as Record<string, { layers: number; plain: number; A: number; B: number }>;

  it.each(Object.entries(NETS))('%s has the parameters of the hand-written PyTorch net (n = %s)', (id, [n, variant]) => {
    expect(reference[n], run.stderr).toBeDefined();
    const doc = buildTemplate(id)!;
    expect(inferGraph(doc.graph, doc.blocks).totals.params).toBe(reference[n]![variant]);
  });

  it.each([3, 9] as const)('n = %i: 6n + 2 layers, and with option A the paper\'s table 6 figure, which the plain net shares', (n) => {
    expect(reference[n]!.layers).toBe(6 * n + 2);
    expect(Math.round(reference[n]!.A / 1e4) / 100).toBe(TABLE6[n]);
    expect(reference[n]!.plain).toBe(reference[n]!.A);
  });
});
