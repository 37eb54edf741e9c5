/**
 * `npm run bench`: timings that belong in numbers, not in timed tests. Measures plan mode per
 * runbook and for `all`, in process and as the CLI a person runs, and the site build's plan step
 * (every runbook's plan and page data, as the runbooks plugin computes them).
 */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {loadRunbookViews} from '../src/plugins/runbooks';
import {planRunbook, planRunbooks} from '../src/runbook/plan';
import {createSimWorld} from '../src/runbook/sim';
import {inDependencyOrder, loadRunbooks} from '../src/runbook/registry';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const entries = await loadRunbooks(ROOT);
  const rows: string[][] = [
    ['runbook', `plan in process (median of ${ROUNDS})`, 'max', 'npm run runbook -- <id> --plan (wall)'],
  ];
  for (const [id, entry] of entries) {
    const prerequisites = inDependencyOrder(entries, [id]).slice(0, -1);
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      await planRunbook(
        {runbook: entry.runbook, sourceHash: entry.sourceHash, prerequisites, root: ROOT},
        createSimWorld(),
      );
      times.push(performance.now() - started);
    }
    const started = performance.now();
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/runbook.ts'), id, '--plan'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const wall = performance.now() - started;
    rows.push([
      id,
      `${median(times).toFixed(1)} ms`,
      `${Math.max(...times).toFixed(1)} ms`,
      cli.status === 0 ? `${wall.toFixed(0)} ms` : `failed (exit ${cli.status})`,
    ]);
  }
  const order = inDependencyOrder(entries, [...entries.keys()]);
  const allTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await planRunbooks(
      order.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash})),
      {prerequisites: [], root: ROOT},
      createSimWorld(),
    );
    allTimes.push(performance.now() - started);
  }
  const started = performance.now();
  const cli = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/runbook.ts'), 'all', '--plan'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  const wall = performance.now() - started;
  rows.push([
    'all',
    `${median(allTimes).toFixed(1)} ms`,
    `${Math.max(...allTimes).toFixed(1)} ms`,
    cli.status === 0 ? `${wall.toFixed(0)} ms` : `failed (exit ${cli.status})`,
  ]);
  const siteStarted = performance.now();
  await loadRunbookViews(ROOT);
  rows.push(['site build plan step (once)', `${(performance.now() - siteStarted).toFixed(1)} ms`, '', '']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

void main();
