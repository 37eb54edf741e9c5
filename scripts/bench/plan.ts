/**
 * Plan-mode timings: each runbook and `all`, in process (median and max of a few rounds) and as
 * the CLI a person runs, and the site build's plan step (every runbook's plan and page data, as
 * the runbooks plugin computes them).
 */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {loadRunbookViews} from '../../src/plugins/runbooks';
import {planRunbook, planRunbooks} from '../../src/runbook/plan';
import {inDependencyOrder, loadRunbooks} from '../../src/runbook/registry';
import {createSimWorld} from '../../src/runbook/sim';

export interface PlanTiming {
  runbook: string;
  medianMs: number;
  maxMs: number;
  /** Wall time of `npm run runbook -- <id> --plan`; undefined when the CLI failed. */
  cliMs?: number;
}

export interface PlanTimings {
  rounds: number;
  runbooks: PlanTiming[];
  siteBuildPlanStepMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

function cliWall(root: string, id: string): number | undefined {
  const started = performance.now();
  const cli = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/runbook.ts'), id, '--plan'],
    {cwd: root, stdio: 'ignore'},
  );
  return cli.status === 0 ? performance.now() - started : undefined;
}

export async function planTimings(root: string, rounds: number): Promise<PlanTimings> {
  const entries = await loadRunbooks(root);
  const runbooks: PlanTiming[] = [];
  for (const [id, entry] of entries) {
    const prerequisites = inDependencyOrder(entries, [id]).slice(0, -1);
    const times = await timed(rounds, () =>
      planRunbook({runbook: entry.runbook, sourceHash: entry.sourceHash, prerequisites, root}, createSimWorld()),
    );
    runbooks.push({runbook: id, medianMs: median(times), maxMs: Math.max(...times), cliMs: cliWall(root, id)});
  }
  const order = inDependencyOrder(entries, [...entries.keys()]);
  const allTimes = await timed(rounds, () =>
    planRunbooks(
      order.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash})),
      {prerequisites: [], root},
      createSimWorld(),
    ),
  );
  runbooks.push({
    runbook: 'all',
    medianMs: median(allTimes),
    maxMs: Math.max(...allTimes),
    cliMs: cliWall(root, 'all'),
  });
  const siteStarted = performance.now();
  await loadRunbookViews(root);
  return {rounds, runbooks, siteBuildPlanStepMs: performance.now() - siteStarted};
}
