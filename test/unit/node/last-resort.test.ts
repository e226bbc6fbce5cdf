/**
 * The last resort of the browser-mode host and Electron's main process: an uncaught exception
 * or unhandled rejection is logged with its stack in the data folder, named in one line on
 * stderr, and the process goes on. Proved on an EventEmitter, then in a real Node process.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_LOG, ERROR_LOG_LIMIT, installLastResort } from '../../../node/host/last-resort';
import { appRoot } from '../../../node/paths';

const folder = () => mkdtempSync(join(tmpdir(), 'netwright-last-resort-'));
const fixed = () => new Date('2026-03-01T12:00:00.000Z');

function installed(log: string) {
  const proc = new EventEmitter();
  const lines: string[] = [];
  const remove = installLastResort(proc, log, { stderr: { write: (t: string) => lines.push(t) }, now: fixed });
  return { proc, lines, remove };
}

describe('the last-resort handler', () => {
  it('logs an uncaught exception with its stack and says so in one line on stderr', () => {
    const log = join(folder(), 'data', ERROR_LOG);
    const { proc, lines } = installed(log);
    const error = new Error('the wheel came off');
    proc.emit('uncaughtException', error, 'uncaughtException');
    const text = readFileSync(log, 'utf8');
    expect(text.startsWith('[2026-03-01T12:00:00.000Z] unexpected error: Error: the wheel came off\n')).toBe(true);
    expect(text).toContain(error.stack!.split('\n')[1]!); // the first frame of the stack
    expect(lines).toEqual([`netwright: unexpected error (the app goes on; the stack is in ${log}): the wheel came off\n`]);
  });

  it('logs an unhandled rejection, of an Error or of anything else', () => {
    const log = join(folder(), ERROR_LOG);
    const { proc, lines } = installed(log);
    proc.emit('unhandledRejection', new TypeError('x is not a function'), Promise.resolve());
    proc.emit('unhandledRejection', { code: 42 }, Promise.resolve());
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('unhandled promise rejection: TypeError: x is not a function\n    at ');
    expect(text).toContain('unhandled promise rejection: { code: 42 }');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`netwright: unhandled promise rejection (the app goes on; the stack is in ${log}): { code: 42 }\n`);
  });

  it('never swallows: when the log cannot be written, the whole stack goes to stderr', () => {
    const dir = folder();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const log = join(dir, 'not-a-folder', ERROR_LOG);
    const { proc, lines } = installed(log);
    const error = new Error('and the log is gone too');
    expect(() => proc.emit('uncaughtException', error)).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^netwright: unexpected error \\(the app goes on; not logged: .+ while writing ${log.replace(/[.]/g, '\\.')}\\): Error: and the log is gone too\\n    at `));
  });

  it('keeps one older log when the log grows past its limit, and can be removed again', () => {
    const dir = folder();
    const log = join(dir, ERROR_LOG);
    writeFileSync(log, 'x'.repeat(ERROR_LOG_LIMIT + 1));
    const { proc, remove } = installed(log);
    proc.emit('uncaughtException', new Error('one more'));
    expect(readFileSync(`${log}.old`, 'utf8')).toHaveLength(ERROR_LOG_LIMIT + 1);
    expect(readFileSync(log, 'utf8')).toMatch(/^\[.+\] unexpected error: Error: one more/);
    remove();
    expect(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection')).toBe(0);
  });
});

describe('faults: an exception nobody caught, in a real process', () => {
  const dir = join(appRoot, 'node_modules', '.cache', `netwright-last-resort-test-${process.pid}`);
  const script = join(dir, 'serve.mjs');
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // A stand-in for the host: installs the handler as `netwright serve` does, then throws from a
    // timer and rejects a promise nobody awaits, and goes on to its next turns of the event loop.
    writeFileSync(
      join(dir, 'serve.ts'),
      `import { installLastResort } from ${JSON.stringify(join(appRoot, 'node/host/last-resort.ts'))};
installLastResort(process, process.argv[2]);
setTimeout(() => { throw new Error('thrown from a timer'); });
setTimeout(() => { void Promise.reject(new Error('rejected, never awaited')); });
setTimeout(() => setImmediate(() => setImmediate(() => console.log('still serving'))));
`,
    );
    await build({ entryPoints: [join(dir, 'serve.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the process logs both, prints one line each, and goes on to exit normally', () => {
    const log = join(folder(), ERROR_LOG);
    const r = spawnSync(process.execPath, [script, log], { encoding: 'utf8' });
    expect(r.stdout).toBe('still serving\n');
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `netwright: unexpected error (the app goes on; the stack is in ${log}): thrown from a timer`,
      `netwright: unhandled promise rejection (the app goes on; the stack is in ${log}): rejected, never awaited`,
    ]);
    expect(existsSync(log) && readFileSync(log, 'utf8')).toMatch(/unexpected error: Error: thrown from a timer\n {4}at [\s\S]*unhandled promise rejection: Error: rejected, never awaited\n {4}at /);
  });
});
