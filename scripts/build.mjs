// Build everything the app runs: the Node side (CLI with the browser host, trainer) and the
// Electron main process and preload with esbuild, the renderer with Vite. `npm install` runs this through `prepare`.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };
await build({ ...node, format: 'esm', outdir: 'dist/node', entryPoints: { cli: 'node/cli.ts', trainer: 'node/engine/process/trainer.ts' } });
await build({ ...node, format: 'esm', outdir: 'dist/electron', entryPoints: { main: 'electron/main.ts' } });
// A sandboxed preload must be CommonJS.
await build({ ...node, format: 'cjs', outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, entryPoints: { preload: 'electron/preload.ts' } });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
