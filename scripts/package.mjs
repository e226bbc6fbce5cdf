// `npm run package`: desktop packages with electron-builder (AppImage and deb, dmg, nsis). It
// needs Electron's own binaries; where they could not be downloaded, say so in one line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

if (!electronBinary()) {
  console.error('npm run package: cannot package — the Electron binary is not installed (its download from GitHub failed or was skipped); run `npm install` on a machine that can reach GitHub, then retry.');
  process.exit(1);
}
const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync('npx', ['--yes', 'electron-builder@26', '--config', 'electron-builder.yml', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
