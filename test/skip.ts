/**
 * Why a test is skipped, in one place. A test that needs a tool this machine may lack (a Python
 * with torch, clang, the Electron binary) is declared `itWhen(hasTorch, 'torch')('…', fn)` or
 * `describeWhen(hasTorch, 'torch')('…', factory)`: where the tool is there, that is `it` or
 * `describe`; where not, the tests are skipped with the reason in their meta. The reason travels
 * to vitest's JSON report, and `npm test` (scripts/test.mjs) prints one line per reason with its
 * count before the total: `skipped 12: no Python with torch (apt install python3-torch, or set NETWRIGHT_PYTHON)`.
 */
import { describe, it, type SuiteAPI, type TestAPI } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a skipped test (and the tests of a skipped describe): why, and how to run it. */
    skipReason?: string;
  }
}

const linux = process.platform === 'linux';

/** Each skip condition's reason, with the fix for this platform. */
export const SKIP_REASONS = {
  python: `no Python 3 (${linux ? 'apt install python3' : 'install Python 3'}, or set NETWRIGHT_PYTHON)`,
  torch: `no Python with torch (${linux ? 'apt install python3-torch' : 'pip install torch'}, or set NETWRIGHT_PYTHON)`,
  torchvision: `no Python with torchvision (${linux ? 'apt install python3-torchvision' : 'pip install torchvision'}, or set NETWRIGHT_PYTHON)`,
  onnx: `no Python with onnx (${linux ? 'apt install python3-onnx' : 'pip install onnx'}, or set NETWRIGHT_PYTHON)`,
  clang: `no clang, wasm-ld or wasm-objdump (${linux ? 'apt install clang lld wabt' : 'install LLVM clang and lld, and wabt'})`,
  browser: 'no Chromium, Chrome or Edge (`npm test` says how to get one; or set CHROMIUM_PATH)',
  electron: 'no Electron binary (npm install electron while online)',
  electronInstalled: 'Electron is installed (this test checks the message given without it)',
  screenshot: 'the docs screenshots are rewritten only with NETWRIGHT_SCREENSHOT=1',
  tmpfs: 'no small tmpfs to fill (mounting one needs root on Linux); an injected ENOSPC test covers the same path',
} as const;

export type SkipReason = keyof typeof SKIP_REASONS;

const skipped = (reason: SkipReason) => ({ skip: true, meta: { skipReason: SKIP_REASONS[reason] } });
const nothing = () => undefined;

/** `it` where `available`, else an `it` (and `it.each`) whose tests are skipped for `reason`. */
export function itWhen(available: unknown, reason: SkipReason): TestAPI {
  if (available) return it;
  const options = skipped(reason);
  const test = (name: string) => it(name, options, nothing);
  const each = (cases: readonly unknown[]) => (name: string) => it.each(cases)(name, options, nothing);
  return Object.assign(test, { each }) as unknown as TestAPI;
}

/** `describe` where `available`, else a `describe` whose tests are all skipped for `reason`. */
export function describeWhen(available: unknown, reason: SkipReason): SuiteAPI {
  if (available) return describe;
  const options = skipped(reason);
  const suite = (name: string, factory: () => void) => describe(name, options, factory);
  return suite as unknown as SuiteAPI;
}
