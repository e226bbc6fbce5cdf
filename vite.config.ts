/**
 * Vite builds the renderer (renderer/) into `dist/renderer` with relative asset URLs (`base: './'`), so the
 * same files load from Electron's `app://netwright` protocol and from the browser-mode server. Vite 8 compiles
 * TSX itself (automatic JSX runtime), so no React plugin is needed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Build configuration run by Node, so it lives beside package.json rather than in renderer/,
// which never imports Node.
const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: at('./renderer'),
  base: './',
  // The renderer imports the pure core from ../shared.
  server: { fs: { allow: [at('.')] } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // ELK's bundle (auto-layout, loaded on first use or in its worker) is 1.4 MB on its own.
    chunkSizeWarningLimit: 1536,
    rolldownOptions: {
      // React Flow marks itself "use client" for server-component bundlers; it means nothing here.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
