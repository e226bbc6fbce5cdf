/** A stand-in for a Python with PyTorch, for tests of what the app does with its answer. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An executable that prints `answer` whatever it is asked, e.g. `fakePython('["2.1.0", true, 17179869184]')`. */
export function fakePython(answer: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'netwright-fake-python-')), 'python3');
  writeFileSync(path, `#!/bin/sh\necho '${answer}'\n`);
  chmodSync(path, 0o755);
  return path;
}
