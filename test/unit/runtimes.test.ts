/**
 * The compiler enforces the runtimes: each fixture project under test/fixtures/runtimes extends a
 * runtime's own tsconfig and does what that runtime must not — shared/ reading a file, the engine
 * touching `window`, the renderer reading `process` — and `tsc` refuses it. `shared-pure` is the
 * control: the same setup compiles when the code keeps to its runtime.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function typecheck(fixture: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'test', 'fixtures', 'runtimes', fixture), '--pretty', 'false'], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('one TypeScript project per runtime', () => {
  it('compiles code that keeps to its runtime (the control)', () => {
    expect(typecheck('shared-pure')).toEqual({ status: 0, output: '' });
  });
  it.each([
    ['shared-uses-fs', "error TS2307: Cannot find module 'node:fs'"],
    ['node-uses-window', "error TS2304: Cannot find name 'window'"],
    ['renderer-uses-process', "error TS2591: Cannot find name 'process'"],
  ])('refuses %s', (fixture, error) => {
    const { status, output } = typecheck(fixture);
    expect(status).not.toBe(0);
    expect(output).toContain(error);
  });
});
