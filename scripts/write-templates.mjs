// `npm run templates`: write templates/<id>.netwright.json from the builders in
// shared/templates/. A unit test checks the stored files equal what the builders return.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Bundled next to node_modules so that external packages resolve.
const out = join('dist', 'templates-entry.mjs');
await build({ entryPoints: ['scripts/templates-entry.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'warning' });
const { templates, saveDocument } = await import(pathToFileURL(out).href);
for (const t of templates) {
  writeFileSync(join('templates', `${t.id}.netwright.json`), saveDocument(t.build()));
  console.log(`templates/${t.id}.netwright.json`);
}
