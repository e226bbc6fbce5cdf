/**
 * The torch engine against the same models written by hand in PyTorch (bench/torch/*.py):
 * LeNet-5 on the 8,000 training digits and ResNet-20 on 1,000 of them fitted to 32×32×3, the
 * same prepared samples, batch size, optimizer and threads on both sides; runs alternate, round
 * after round, so that the machine's load falls on both alike. Samples/s are medians over the
 * rounds (training time only, as the engine's done event reports it). Nothing passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTorchPythonSync } from '../node/engine/torch/python';
import { appRoot } from '../node/paths';
import { writeBenchFolder } from './torch/folder';

const THREADS = '2';
const ROUNDS = Number(process.env.ROUNDS ?? 5);

console.log('\n## Torch engine vs hand-written PyTorch — `npm run bench torch`\n');
const torch = findTorchPythonSync();
if (!torch) {
  console.log('Skipped: no Python here can import torch (apt-get install python3-torch).');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-bench-torch-'));
  try {
    await writeBenchFolder(dir, { lenet5: { epochs: 2 }, 'resnet20-cifar': { epochs: 1, limit: 1000 } });
    console.log(`PyTorch ${torch.torch} (${torch.python}), ${torch.cuda ? 'CUDA' : 'CPU'}, ${THREADS} threads · ${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start · ${ROUNDS} rounds\n`);
    console.log('```');
    // OMP_NUM_THREADS sets torch's intra-op threads in both processes alike.
    const r = spawnSync(torch.python, [join(appRoot, 'bench', 'torch', 'compare.py'), dir, '--rounds', String(ROUNDS)], { stdio: 'inherit', env: { ...process.env, OMP_NUM_THREADS: THREADS } });
    console.log('```');
    console.log(`\nload ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
    if (r.status !== 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
