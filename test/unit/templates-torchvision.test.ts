/**
 * The templates that torchvision also has, against torchvision itself (Debian's
 * python3-torchvision, which .ci/run installs): parameters exactly, multiply-accumulates of
 * convolution and linear layers within 0.5%.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inferGraph } from '../../shared/infer';
import { buildTemplate } from '../../shared/templates/index';
import { describeWhen } from '../skip';

const PYTHON = process.env.NETWRIGHT_PYTHON ?? '/usr/bin/python3';
const PAIRS = { 'alexnet-tv': 'alexnet', vgg16: 'vgg16', vgg19: 'vgg19', resnet18: 'resnet18', resnet34: 'resnet34', resnet50: 'resnet50', resnet101: 'resnet101', resnet152: 'resnet152', densenet121: 'densenet121' } as const;
const hasTorchvision = spawnSync(PYTHON, ['-c', 'import torchvision'], { stdio: 'ignore' }).status === 0;
if (!hasTorchvision) console.warn(`Skipping the torchvision comparison: ${PYTHON} cannot import torchvision (apt-get install python3-torchvision).`);

describeWhen(hasTorchvision, 'torchvision')('templates against torchvision', () => {
  const run = spawnSync(PYTHON, [join(__dirname, '..', 'python', 'torchvision_reference.py'), ...Object.values(PAIRS)], { encoding: 'utf8', timeout: 600_000 });
  const reference = JSON.parse(run.stdout || '{}') as Record<string, { params: number; macs: number }>;

  it.each(Object.entries(PAIRS))('%s has the parameters of torchvision\'s %s and its multiply-accumulates within 0.5%%', (id, name) => {
    const doc = buildTemplate(id)!;
    const totals = inferGraph(doc.graph, doc.blocks).totals;
    expect(reference[name], run.stderr).toBeDefined();
    expect(totals.params).toBe(reference[name]!.params);
    expect(Math.abs(totals.macs / reference[name]!.macs - 1)).toBeLessThan(0.005);
  });
});
