/**
 * Finding a Python with PyTorch for the torch engine: the path in the settings first, then
 * `$NETWRIGHT_PYTHON`, Debian's /usr/bin/python3 and python3 on the PATH. Each Python is asked
 * once per process (importing torch takes seconds), unless a detection asks again. The app asks
 * without blocking (the main process must keep answering); the CLI may wait.
 */
import { execFile, spawnSync } from 'node:child_process';
import type { TorchDetection } from '../../../shared/api';

export interface TorchPython {
  python: string;
  torch: string;
  cuda: boolean;
  /** With CUDA: the memory of the smallest GPU, in bytes (each DDP process holds a whole replica). */
  gpuMemory?: number;
}

/** What asking one Python gave: its torch, or why not (a sentence for the Settings dialog). */
export type Probe = ({ ok: true } & TorchPython) | { ok: false; python: string; message: string };

const ASK = [
  '-c',
  'import json, torch\ncuda = torch.cuda.is_available()\ngpu = min(torch.cuda.get_device_properties(i).total_memory for i in range(torch.cuda.device_count())) if cuda else None\nprint(json.dumps([torch.__version__, cuda, gpu]))',
];
const TIMEOUT_MS = 60_000;
const probes = new Map<string, Probe>();

/** A Python's answer to ASK, as a Probe. */
function interpret(python: string, r: { error?: Error | null; status: number | null; stdout: string; stderr: string }): Probe {
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, python, message: `${python} was not found.` };
  if (r.error && r.status === null) return { ok: false, python, message: `${python} cannot be started (${r.error.message}).` };
  if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    if (/No module named .?torch/.test(last)) return { ok: false, python, message: `${python} has no PyTorch (pip install torch, or apt-get install python3-torch).` };
    return { ok: false, python, message: `${python} cannot import torch: ${last || `exit code ${r.status}`}` };
  }
  try {
    const [torch, cuda, gpuMemory] = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as [string, boolean, number | null | undefined];
    return { ok: true, python, torch, cuda, ...(cuda && typeof gpuMemory === 'number' ? { gpuMemory } : {}) };
  } catch {
    return { ok: false, python, message: `${python} is not a Python that reports a torch version.` };
  }
}

/** Ask `python` for its torch, waiting (the CLI): `probePythonSync('/usr/bin/python3')`. */
export function probePythonSync(python: string): Probe {
  const known = probes.get(python);
  if (known) return known;
  const r = spawnSync(python, ASK, { encoding: 'utf8', timeout: TIMEOUT_MS });
  const probe = interpret(python, { error: r.error, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' });
  probes.set(python, probe);
  return probe;
}

/** Ask `python` for its torch without blocking; `fresh` asks again (e.g. torch was just installed). */
export function probePython(python: string, fresh = false): Promise<Probe> {
  const known = probes.get(python);
  if (known && !fresh) return Promise.resolve(known);
  return new Promise((resolve) => {
    execFile(python, ASK, { encoding: 'utf8', timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      const probe = interpret(python, { error, status, stdout, stderr });
      probes.set(python, probe);
      resolve(probe);
    });
  });
}

/** Where a Python with torch usually is, after the settings' path. */
export const defaultSearch = () => [process.env.NETWRIGHT_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);

/** Where to look, in order: `configured` (the settings' Python path), then `search`. */
export const candidates = (configured?: string, search = defaultSearch()) => [...new Set([configured, ...search].filter((p): p is string => !!p))];

/** A successful probe as the Python it found (its fields without \`ok\`), else null. */
const found = (p: Probe): TorchPython | null => {
  if (!p.ok) return null;
  const { ok: _, ...python } = p;
  return python;
};

/** The first Python that imports torch, or null, without blocking: `(await findTorchPython(settings.pythonPath))?.cuda`. */
export async function findTorchPython(configured?: string, search?: string[]): Promise<TorchPython | null> {
  for (const python of candidates(configured, search)) {
    const p = found(await probePython(python));
    if (p) return p;
  }
  return null;
}

/** The same, waiting (for the CLI's argument checks). */
export function findTorchPythonSync(configured?: string): TorchPython | null {
  for (const python of candidates(configured)) {
    const p = found(probePythonSync(python));
    if (p) return p;
  }
  return null;
}

/**
 * For the Settings dialog's Detect button, asking afresh: only `python` when one is given (the
 * user is trying that path), else the settings' path and then auto-detection.
 */
export async function detectTorch(python: string | undefined, configured: string | undefined, search?: string[]): Promise<TorchDetection> {
  const tried: Probe[] = [];
  for (const candidate of python ? [python] : candidates(configured, search)) {
    const p = await probePython(candidate, true);
    const t = found(p);
    if (t) return { available: true, python: t.python, torchVersion: t.torch, cuda: t.cuda, ...(t.gpuMemory !== undefined ? { gpuMemory: t.gpuMemory } : {}) };
    tried.push(p);
  }
  const message = tried.map((p) => (p.ok ? '' : p.message)).join(' ');
  return { available: false, python: python ?? null, message: python ? message : `No Python with PyTorch found. ${message}` };
}
