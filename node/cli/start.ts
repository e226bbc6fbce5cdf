/**
 * `netwright start`: the desktop window where the Electron binary is installed, otherwise the
 * browser mode (with one line saying why).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distPath } from '../paths';

/** The Electron binary's path, or why there is none. */
export function findElectron(): { path: string } | { missing: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: 'the electron package has no binary' };
  } catch (e) {
    return { missing: (e as Error).message.split('\n')[0]! };
  }
}

/** Start the desktop app; resolves with its exit code. */
export function startElectron(binary: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, [distPath('electron', 'main.js')], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
