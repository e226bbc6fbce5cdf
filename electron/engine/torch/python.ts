/**
 * Finding a Python with PyTorch for the torch engine: `$NETWRIGHT_PYTHON` first, then Debian's
 * /usr/bin/python3, then python3 on the PATH. Asked once per process.
 */
import { spawnSync } from 'node:child_process';

export interface TorchPython {
  python: string;
  torch: string;
  cuda: boolean;
}

let found: TorchPython | null | undefined;

/** The first Python that imports torch, or null: `findTorchPython()?.cuda`. */
export function findTorchPython(): TorchPython | null {
  if (found !== undefined) return found;
  const candidates = [process.env.NETWRIGHT_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import json, torch; print(json.dumps([torch.__version__, torch.cuda.is_available()]))'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) continue;
    try {
      const [torch, cuda] = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as [string, boolean];
      return (found = { python, torch, cuda });
    } catch {
      continue;
    }
  }
  return (found = null);
}
