/**
 * The layering of ARCHITECTURE.md: shared/ is pure (no React, Electron, Node or native tfjs);
 * renderer/ never reaches into Node or electron/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|net$|url$|worker_threads$)/;

describe('layering', () => {
  it('shared/ imports no React, Electron, Node built-ins or native tfjs', () => {
    const bad = sources('shared').flatMap((f) => imports(f).filter((i) => /^(react|react-dom|electron|@tensorflow\/tfjs-node)/.test(i) || NODE_BUILTINS.test(i)).map((i) => `${f}: ${i}`));
    expect(bad).toEqual([]);
  });
  it('renderer/src imports nothing from electron/ and no Node built-ins', () => {
    const bad = sources('renderer/src').flatMap((f) =>
      imports(f)
        .filter((i) => i === 'electron' || NODE_BUILTINS.test(i) || (i.startsWith('.') && relative(root, join(root, f, '..', i)).startsWith('electron')))
        .map((i) => `${f}: ${i}`),
    );
    expect(bad).toEqual([]);
  });
  it('finds the files it checks', () => {
    expect(sources('shared').length).toBeGreaterThan(5);
  });
});
