/**
 * The committed SIMD binaries (node/engine/backend/simd/binaries.ts) are what their C sources build
 * to: rebuilt here with clang when it is installed (`.ci/run` installs it), else skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tools = ['clang', 'wasm-ld', 'wasm-objdump'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);

describe('SIMD kernel binaries', () => {
  it.skipIf(missing.length > 0)(`match their C sources${missing.length ? ` (skipped: no ${missing.join(', ')}; apt-get install clang lld wabt)` : ''}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-simd-test-'));
    try {
      const out = join(dir, 'binaries.ts');
      execFileSync('node', ['scripts/build-simd.mjs', out], { stdio: 'pipe' });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('node/engine/backend/simd/binaries.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
