/**
 * An Electronegativity scan of electron/ (Doyensec's checker for Electron misconfigurations).
 * Every finding must be one we reviewed, listed here with the reason it is safe; anything new
 * fails the test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

/** check id → why the finding is fine (each is a "review this" note, not a misconfiguration). */
const REVIEWED: Record<string, string> = {
  OPEN_EXTERNAL_JS_CHECK: 'main.ts passes only https: URLs to shell.openExternal; every other new window is denied',
  PRELOAD_JS_CHECK: 'preload.ts exposes exactly call(), onEvent(), onAppEvent() and pathForFile() through contextBridge (checked end-to-end where Electron exists)',
  CSP_GLOBAL_CHECK: 'the policy is built by contentSecurityPolicy() at run time, so the scanner cannot parse it; security.test.ts checks it',
};

it('finds nothing in electron/ beyond the reviewed notes', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'netwright-eneg-')), 'findings.csv');
  const bin = join(root, 'node_modules', '.bin', 'electronegativity');
  // -e: the Electron major we target, since the scan cannot look it up offline.
  const r = spawnSync(bin, ['-i', join(root, 'electron'), '-e', '39.0.0', '-r', '-v', 'false', '-o', out], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  // One row per finding: CHECK_ID,"SEVERITY","CONFIDENCE","file","line:col",…
  const findings = [...readFileSync(out, 'utf8').matchAll(/^([A-Z_]+),"(\w+)","(\w+)","([^"]*)","([^"]*)"/gm)].map((m) => m.slice(1).join(' '));
  console.log(`electronegativity: ${findings.length} finding(s), all reviewed:\n  ${findings.join('\n  ')}`);
  const unreviewed = findings.filter((f) => !REVIEWED[f.split(' ')[0]!]);
  expect(unreviewed).toEqual([]);
});
