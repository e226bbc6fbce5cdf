#!/usr/bin/env node
// The `netwright` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run automatically by `npm install`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('netwright: the app is not built yet — run `npm run build` (npm install does it too).');
  process.exit(1);
}
await import(cli.href);
