/**
 * Finding a Python with PyTorch for the torch engine: the path in the settings first, then
 * `$NETWRIGHT_PYTHON`, Debian's /usr/bin/python3 and python3 on the PATH. Each Python is asked
 * once per process (importing torch takes seconds), unless `fresh` asks again.
 */
import { spawnSync } from 'node:child_process';

export interface TorchPython {
  python: string;
  torch: string;
  cuda: boolean;
}

/** What asking one Python gave: its torch, or why not (readable, for the Settings dialog). */
export type Probe = ({ ok: true } & TorchPython) | { ok: false; python: string; message: string };

const probes = new Map<string, Probe>();

/** Ask `python` for its torch version and CUDA: `probePython('/usr/bin/python3')`. */
export function probePython(python: string, fresh = false): Probe {
  const known = probes.get(python);
  if (known && !fresh) return known;
  const r = spawnSync(python, ['-c', 'import json, torch; print(json.dumps([torch.__version__, torch.cuda.is_available()]))'], { encoding: 'utf8', timeout: 60_000 });
  let probe: Probe;
  if (r.error) probe = { ok: false, python, message: `${python} cannot be started (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}).` };
  else if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    probe = { ok: false, python, message: /No module named .?torch/.test(last) ? `${python} has no PyTorch (pip install torch, or apt-get install python3-torch).` : `${python} cannot import torch: ${last}` };
  } else {
    try {
      const [torch, cuda] = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as [string, boolean];
      probe = { ok: true, python, torch, cuda };
    } catch {
      probe = { ok: false, python, message: `${python} gave no torch version.` };
    }
  }
  probes.set(python, probe);
  return probe;
}

/** Where to look, in order: `configured` (the settings' Python path), then the usual places. */
export const candidates = (configured?: string) => [...new Set([configured, process.env.NETWRIGHT_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p))];

/** The first Python that imports torch, or null: `findTorchPython(settings.pythonPath)?.cuda`. */
export function findTorchPython(configured?: string): TorchPython | null {
  for (const python of candidates(configured)) {
    const p = probePython(python);
    if (p.ok) return { python: p.python, torch: p.torch, cuda: p.cuda };
  }
  return null;
}
