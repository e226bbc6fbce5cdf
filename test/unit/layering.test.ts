/**
 * Which folder may import which, as allow-lists. The runtimes: shared/ is pure, the renderer and
 * the Node side each build on shared/ alone, Electron's main process on both. Inside the engine
 * and inside the renderer, the folders depend one way: their tables live in node/engine/README.md
 * and renderer/src/README.md (read here, so the docs cannot drift from the code), and an import
 * that is not in a table fails this test until the table says it is allowed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
const specifiers = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** A relative import as the repository path of the file it names. */
function resolve(file: string, spec: string): string {
  const base = join(dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) return candidate;
  }
  throw new Error(`${file}: cannot resolve ${spec}`);
}
const localImports = (file: string) => specifiers(file).filter((s) => s.startsWith('.')).map((s) => resolve(file, s));
const packageImports = (file: string) => specifiers(file).filter((s) => !s.startsWith('.'));

/** The folder a file belongs to below `base` (its first path segment), or '.' for a file directly in it. */
const folderIn = (base: string, file: string) => {
  const rest = relative(base, file).split('/');
  return rest.length > 1 ? rest[0]! : '.';
};

/** Imports from one folder below `base` into another that `allowed` does not list. */
function violations(base: string, allowed: Record<string, string[]>): string[] {
  return sources(base).flatMap((file) => {
    const from = folderIn(base, file);
    return localImports(file)
      .filter((target) => !relative(base, target).startsWith('..'))
      .map((target) => [target, folderIn(base, target)] as const)
      .filter(([, to]) => to !== from && !(allowed[from] ?? []).includes(to))
      .map(([target]) => `${file} → ${target}`);
  });
}

/** The allow-list in a README's table: rows `| \`folder/\` | what it owns | \`a/\` \`b/\` |`. */
function tableIn(readme: string): Record<string, string[]> {
  const rows = [...readFileSync(join(root, readme), 'utf8').matchAll(/^\| `([\w.]+)\/?` \|[^\n]*\| ([^|\n]*) \|$/gm)];
  return Object.fromEntries(rows.map((m) => [m[1]!, [...m[2]!.matchAll(/`([\w.]+)\/?`/g)].map((x) => x[1]!)]));
}

const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|net$|url$|worker_threads$)/;
const RUNTIMES: Record<string, string[]> = {
  shared: [],
  renderer: ['shared'],
  node: ['shared'],
  electron: ['node', 'shared'],
};

describe('layering', () => {
  it('each runtime imports only the runtimes below it', () => {
    const bad = Object.keys(RUNTIMES).flatMap((top) =>
      sources(top).flatMap((file) =>
        localImports(file)
          .map((target) => target.split('/')[0]!)
          .filter((to) => to !== top && !RUNTIMES[top]!.includes(to))
          .map((to) => `${file} → ${to}/`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('shared/ imports no React, Electron, Node built-ins or native tfjs; the renderer no Electron or Node; node/ no Electron or React', () => {
    const banned: Record<string, RegExp[]> = {
      shared: [/^(react|react-dom|zustand|electron|@tensorflow\/tfjs-node)/, NODE_BUILTINS],
      renderer: [/^electron$/, NODE_BUILTINS],
      node: [/^(electron|react|react-dom|zustand)$/],
    };
    const bad = Object.entries(banned).flatMap(([top, patterns]) =>
      sources(top).flatMap((f) => packageImports(f).filter((i) => patterns.some((p) => p.test(i))).map((i) => `${f}: ${i}`)),
    );
    expect(bad).toEqual([]);
  });

  it("the engine's folders import one way, as node/engine/README.md lists", () => {
    const table = tableIn('node/engine/README.md');
    expect(Object.keys(table).sort()).toEqual(readdirSync(join(root, 'node/engine'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort());
    expect(violations('node/engine', table)).toEqual([]);
  });

  it('no folder of the engine imports from a folder above it inside the engine, and the engine uses only paths.ts and files.ts of node/', () => {
    const bad = sources('node/engine').flatMap((file) =>
      localImports(file)
        .filter((target) => !target.startsWith('shared/'))
        .filter((target) => {
          if (!target.startsWith('node/engine/')) return !['node/paths.ts', 'node/files.ts'].includes(target);
          return dirname(file).startsWith(`${dirname(target)}/`);
        })
        .map((target) => `${file} → ${target}`),
    );
    expect(bad).toEqual([]);
  });

  it("the renderer's folders import one way, as renderer/src/README.md lists", () => {
    const table = tableIn('renderer/src/README.md');
    expect(Object.keys(table).filter((k) => k !== '.').sort()).toEqual(readdirSync(join(root, 'renderer/src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort());
    expect(violations('renderer/src', table)).toEqual([]);
  });

  it('finds the files and tables it checks', () => {
    expect(sources('shared').length).toBeGreaterThan(5);
    expect(Object.keys(tableIn('node/engine/README.md'))).toContain('loop');
    expect(Object.keys(tableIn('renderer/src/README.md'))).toContain('canvas');
  });
});
