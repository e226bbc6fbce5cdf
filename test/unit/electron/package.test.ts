/** `npm run package` where Electron's binary is absent: one clear line, exit 1. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { findElectron } from '../../../node/cli/start';
import { itWhen } from '../../skip';

itWhen(!('path' in findElectron()), 'electronInstalled')('npm run package says in one line why it cannot package without the Electron binary', () => {
  const r = spawnSync('node', [join(__dirname, '..', '..', '..', 'scripts', 'package.mjs')], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^npm run package: cannot package — the Electron binary is not installed/);
});
