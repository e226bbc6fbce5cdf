import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Runs started by tests (the app's run history) go to a temporary data folder, never ~/.netwright.
// The timeouts only catch a hung test: on a busy 2-core machine LeNet-5's optimizer test took 79 s,
// so no test fails for being slow, only for not finishing. The same holds for expect.poll: a
// busy machine may take more than its default second to render what a click asked for.
process.env.NETWRIGHT_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'netwright-test-data-'));

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'], environment: 'node', testTimeout: 300_000, hookTimeout: 300_000, expect: { poll: { timeout: 30_000 } } } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 30_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
