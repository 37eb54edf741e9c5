/**
 * `npm test`: every stage in order, and one closing line over all of them
 * ("tests: N passed, N failed") that prints even when a stage fails, so the reader sees what
 * failed. A stage whose input is missing (the browser tests without a build) is not run; the
 * others still are. Each stage runs in its own process group under a time limit (wide enough for
 * a 2-core machine at load 15); the group is stopped as a whole when the limit passes or the run is
 * interrupted, so nothing a stage started outlives it.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const REPORTS = path.join(ROOT, '.cache/test-reports');

interface Stage {
  name: string;
  script: string;
  /** Stages whose success this one needs. */
  needs: string[];
  limitMinutes: number;
  /** The runner's own counts, when it writes a report. */
  counts?: () => Counts | undefined;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const STAGES: Stage[] = [
  {name: 'static', script: 'test:static', needs: [], limitMinutes: 10},
  {name: 'unit', script: 'test:unit', needs: [], limitMinutes: 20, counts: vitestCounts},
  {name: 'build', script: 'build', needs: [], limitMinutes: 15},
  {name: 'secret scan', script: 'scan:secrets', needs: ['build'], limitMinutes: 5},
  {name: 'planted build', script: 'build:planted', needs: [], limitMinutes: 15},
  {name: 'browser', script: 'test:e2e', needs: ['build', 'planted build'], limitMinutes: 30, counts: playwrightCounts},
];

function readReport<T>(file: string): T | undefined {
  const full = path.join(REPORTS, file);
  if (!fs.existsSync(full)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(full, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function vitestCounts(): Counts | undefined {
  const report = readReport<{numPassedTests: number; numFailedTests: number; numPendingTests: number}>('vitest.json');
  return report && {passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests};
}

function playwrightCounts(): Counts | undefined {
  const stats = readReport<{stats: {expected: number; unexpected: number; flaky: number; skipped: number}}>(
    'playwright.json',
  )?.stats;
  return stats && {passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped};
}

let current: ChildProcess | undefined;

function stopGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has already exited
  }
}

/** Exit code of the stage; 124 when it ran over its limit (as `timeout` reports it). */
function runStage(stage: Stage): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', stage.script], {cwd: ROOT, stdio: 'inherit', detached: true});
    current = child;
    let overLimit = false;
    const limit = setTimeout(() => {
      overLimit = true;
      console.error(`\n${stage.name} did not finish within ${stage.limitMinutes} min and was stopped.`);
      stopGroup(child, 'SIGKILL');
    }, stage.limitMinutes * 60_000);
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      current = undefined;
      // Stop whatever the stage left running in its group (a server, a browser).
      stopGroup(child, 'SIGKILL');
      resolve(overLimit ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopGroup(current, 'SIGTERM');
    process.exit(130);
  });
}

async function main() {
  for (const file of ['vitest.json', 'playwright.json']) fs.rmSync(path.join(REPORTS, file), {force: true});
  const results = new Map<string, string>();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const stage of STAGES) {
    const missing = stage.needs.filter((need) => results.get(need) !== 'ok');
    if (missing.length) {
      results.set(stage.name, `not run (needs ${missing.join(', ')})`);
      failed++;
      continue;
    }
    console.log(`\n=== ${stage.name}: npm run ${stage.script}`);
    const code = await runStage(stage);
    const counts = stage.counts?.();
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
    }
    // A stage that failed without a failing test of its own (a build, a type error) counts as one failure.
    if (code !== 0 && !counts?.failed) failed++;
    results.set(stage.name, code === 0 ? 'ok' : `FAILED (exit ${code})`);
  }
  console.log(`\n${[...results].map(([name, result]) => `${name} ${result}`).join(', ')}`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
