/**
 * The committed SIMD binaries (node/engine/backend/simd/binaries.ts) are what their C sources build
 * to: rebuilt here with clang when it is installed (`.ci/run` installs it), else skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { itWhen } from '../../skip';

const tools = ['clang', 'wasm-ld', 'wasm-objdump'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length) console.warn(`Skipping the rebuild of the SIMD binaries: no ${missing.join(', ')} (apt-get install clang lld wabt).`);

describe('SIMD kernel binaries', () => {
  itWhen(missing.length === 0, 'clang')('match their C sources', () => {
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
