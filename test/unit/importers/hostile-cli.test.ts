/**
 * `netwright import` on hostile files, through the real command (dist/node/cli.js, which
 * `node scripts/build.mjs` writes): each file gives exit code 1, nothing on stdout and exactly
 * one line on stderr, with no stack trace. The real files written by other tools import (exit 0).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'node', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'import');
const hostile = readdirSync(join(fixtures, 'hostile')).sort();
const real = ['keras22-mlp-batchnorm.json', 'teachable-machine/model.json', 'keras3-functional.json'];

interface Run {
  code: number | null;
  out: string;
  err: string;
}

const execute = promisify(execFile);
const importFile = (path: string): Promise<Run> =>
  execute(process.execPath, [cli, 'import', path], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

describe('netwright import on hostile files', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('dist/node/cli.js is missing: run `node scripts/build.mjs` first.');
    // A few at a time: each is a Node process that loads the whole command.
    const queue = [...hostile.map((f) => join('hostile', f)), ...real];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) runs.set(file, await importFile(join(fixtures, file)));
      }),
    );
  }, 300_000);

  it.each(hostile)('%s: exit 1, one line on stderr, no stack trace', (file) => {
    const r = runs.get(join('hostile', file))!;
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.endsWith('\n')).toBe(true);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err.startsWith(`netwright: ${join(fixtures, 'hostile', file)}`)).toBe(true);
    expect(r.err).not.toMatch(/\bat .*\(|\bat [\w./]+:\d+|Error:/);
  });

  it('says on one line where a file that is not JSON goes wrong', () => {
    const path = join(fixtures, 'hostile', 'not-json.json');
    const err = runs.get(join('hostile', 'not-json.json'))!.err;
    expect(err.startsWith(`netwright: ${path} is not JSON: Unexpected token 'o'`)).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each(real)('%s imports (exit 0) as a document', (file) => {
    const r = runs.get(file)!;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'netwright' });
  });
});
