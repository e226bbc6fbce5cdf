/**
 * Finding the Python the code generator tests run (Debian's, with python3-torch in CI) without
 * importing torch, which takes seconds: `find_spec` only looks for it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { TrainEventSchema, type TrainEvent } from '../../../shared/api';
import { toPyTorch, pytorchModule } from '../../../shared/codegen/pytorch';
import type { NetwrightDocument } from '../../../shared/graph/schema';

export const PYTHON = process.env.NETWRIGHT_PYTHON ?? '/usr/bin/python3';

/** True when PYTHON runs and can import every one of `modules`. */
export function pythonHas(...modules: string[]): boolean {
  const probe = `import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ${JSON.stringify(modules)}) else 1)`;
  return spawnSync(PYTHON, ['-c', probe], { stdio: 'ignore' }).status === 0;
}

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Run PYTHON with `args` (and `input` on stdin); resolves when it exits. */
export function python(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(options.input ?? '');
  });
}

/** The training events a run of train.py printed, one JSON object a line, each checked against the API's schema. */
export const events = (run: Run): TrainEvent[] =>
  run.out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => TrainEventSchema.parse(JSON.parse(line)));

/** Load a model.pt that train.py saved into the document's generated model class, strictly (code 0: every weight fits). */
export function loadStateDict(doc: NetwrightDocument, path: string): Promise<Run> {
  const lines = [toPyTorch(doc), `model = ${pytorchModule(doc).className}()`, `model.load_state_dict(torch.load(${JSON.stringify(path)}), strict=True)`];
  return python(['-'], { input: lines.join('\n') + '\n' });
}

/** A TCP port free on 127.0.0.1 now: where a distributed job's processes meet (MASTER_PORT). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
