/**
 * The evidence a run leaves: a JSON report (what the site reads to show VERIFIED, FAILING or
 * OUTDATED) and a JUnit file (what CI systems show), both made from one run result.
 */
import {execFileSync} from 'node:child_process';
import junit from 'junit-report-builder';
import {EVIDENCE_SCHEMA_VERSION, type Evidence, type Runner} from '../../contract/evidence';
import type {RunResult} from '../executor';

export {EVIDENCE_SCHEMA_VERSION, type Evidence, type Runner};

export function detectRunner(env: NodeJS.ProcessEnv): Runner {
  const url =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  // Forgejo runners also set GITHUB_ACTIONS for compatibility, so ask for Forgejo first.
  if (env.FORGEJO_ACTIONS === 'true' || env.GITEA_ACTIONS === 'true') return {name: 'forgejo-actions', url};
  if (env.GITHUB_ACTIONS === 'true') return {name: 'github-actions', url};
  return env.CI ? {name: 'ci'} : {name: 'local'};
}

/** The commit checked out at `root`; none when git is missing, fails or hangs (a stale lock on a network disk). */
export function gitCommit(root: string, env: NodeJS.ProcessEnv = process.env, limitMs = 10_000): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: limitMs,
    }).trim();
  } catch {
    return undefined;
  }
}

export function toEvidence(
  result: RunResult,
  source: {sourceHash: string; gitCommit?: string; runner: Runner; transcript?: string},
): Evidence {
  return {schemaVersion: EVIDENCE_SCHEMA_VERSION, ...source, ...result};
}

export function toJUnit(evidence: Evidence): string {
  const builder = junit.newBuilder();
  const suite = builder
    .testSuite()
    .name(`runbook ${evidence.runbook}`)
    .timestamp(evidence.startedAt)
    .time(evidence.durationMs / 1000);
  suite.property('sourceHash', evidence.sourceHash).property('simulated', String(evidence.simulated));
  for (const check of evidence.preflight) {
    const testCase = suite.testCase().className(`${evidence.runbook}.preflight`).name(check.title);
    if (check.skipped) testCase.skipped().standardOutput(check.skipped);
    else if (!check.ok) testCase.failure(`${check.problem}\nWhat to do: ${check.fix}`);
  }
  for (const step of evidence.steps) {
    const testCase = suite
      .testCase()
      .className(`${evidence.runbook}.steps`)
      .name(step.title)
      .time(step.durationMs / 1000);
    if (step.outcome === 'failed') {
      const detail = [step.failure?.stderrTail, ...(step.diagnostics ?? []).map((d) => `--- ${d.title}\n${d.output}`)]
        .filter(Boolean)
        .join('\n');
      testCase.failure(step.failure?.message ?? 'failed').standardError(detail);
    } else if (step.outcome === 'skipped' || step.outcome === 'not-run' || step.outcome === 'interrupted') {
      testCase.skipped().standardOutput(step.reason ?? step.outcome);
    } else if (step.outcome === 'already-done') {
      testCase.standardOutput('already done');
    }
  }
  return builder.build();
}
