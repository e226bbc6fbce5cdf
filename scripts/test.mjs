// `npm test`: typecheck, build, then every test runner; the last line is the plain total
// `N passed, N failed, N skipped` summed over all of them, after one line per reason tests were
// skipped for. Exits non-zero when anything failed.
// First it finds the browser the end-to-end tests drive (downloading Playwright's Chromium where
// there is none); without one it stops with one line saying how to get one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BROWSER_ENV, browserStarts, describeBrowser, ensureBrowser, findBrowserHere, installChromium } from './find-browser.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
// Windows runs npx as npx.cmd, which only a shell starts; quote what has spaces for it.
const quote = (a) => (process.platform === 'win32' && /[\s"]/.test(a) ? `"${a.replaceAll('"', '\\"')}"` : a);
const run = (cmd, args) => spawnSync(cmd, args.map(quote), { stdio: 'inherit', env: process.env, shell: process.platform === 'win32' }).status ?? 1;
const extra = process.argv.slice(2);

/** The vitest projects `extra` asks for (`--project unit`, `--project=e2e`); none named: all. */
const projects = extra.flatMap((a, i) => (a === '--project' ? [extra[i + 1]] : a.startsWith('--project=') ? [a.slice('--project='.length)] : []));
if (projects.length === 0 || projects.includes('e2e')) {
  console.log('\n▶ browser for the end-to-end tests');
  const browser = await ensureBrowser({ find: () => findBrowserHere(), install: () => installChromium(), log: console.log });
  const problem = 'missing' in browser ? browser.missing : await browserStarts(browser);
  if (problem) {
    // Stop here, before 40 end-to-end tests fail one by one (written out first: Windows' pipes are asynchronous).
    await new Promise((done) => process.stdout.write(`\n${problem}\n\n0 passed, 1 failed, 0 skipped\n`, done));
    process.exit(1);
  }
  console.log(describeBrowser(browser));
  process.env[BROWSER_ENV] = JSON.stringify(browser);
}

console.log('\n▶ typecheck (tsc -b: one project per runtime)');
if (run('npx', ['tsc', '-b']) === 0) totals.passed++;
else totals.failed++;

console.log('\n▶ build');
const built = run('node', ['scripts/build.mjs']) === 0;
if (built) totals.passed++;
else totals.failed++;

/**
 * Why tests were skipped, one line per reason with its count, most first: the reason is the
 * `skipReason` the test's skip condition set (test/skip.ts), e.g.
 * `skipped 12: no Python with torch (apt install python3-torch, or set NETWRIGHT_PYTHON)`;
 * a skip without one names its file, whose output says why.
 */
function skipReasons(files) {
  const counts = new Map();
  for (const f of files) {
    for (const t of f.assertionResults) {
      if (t.status === 'passed' || t.status === 'failed') continue;
      const reason = t.meta?.skipReason ?? (t.status === 'todo' ? 'to do' : `no reason in test/skip.ts (${relative('.', f.name)})`);
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `skipped ${n}: ${reason}`);
}

/**
 * What the reliability tests ran: fault cases are the tests under a describe named "faults: …"
 * (crashes, kills, out of memory, a diverging loss); fuzz cases are counted from the titles of
 * the fuzz tests ("survives 10,000 random … documents").
 */
function robustness(tests) {
  const faults = tests.filter((t) => t.ancestorTitles[0]?.startsWith('faults:'));
  const fuzz = tests
    .filter((t) => t.status === 'passed')
    .map((t) => /survives ([\d,]+) random/.exec(t.title))
    .reduce((n, m) => n + (m ? Number(m[1].replaceAll(',', '')) : 0), 0);
  return `fuzz cases: ${fuzz.toLocaleString('en-US')} passed · fault cases: ${faults.filter((t) => t.status === 'passed').length} of ${faults.length} passed`;
}

console.log('\n▶ vitest (unit and end-to-end)');
const report = join(mkdtempSync(join(tmpdir(), 'netwright-test-')), 'vitest.json');
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // A test file that fails to load has no failed test of its own; count it.
  if (status !== 0 && r.numFailedTests === 0) totals.failed += Math.max(1, r.numFailedTestSuites);
  console.log(`\n${robustness(r.testResults.flatMap((f) => f.assertionResults))}`);
  for (const line of skipReasons(r.testResults)) console.log(line);
} catch {
  totals.failed++;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
