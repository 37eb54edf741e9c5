/**
 * Whether a page can be trusted: the status of a runbook and of each of its steps, computed
 * from the latest evidence of a real run and the runbook's current source hash.
 *
 * VERIFIED   evidence for this exact source is of a real up run that passed, exited 0 and ran
 *            at least one step, with every step passed, already done or skipped by an option
 * FAILING    evidence for this exact source is anything else (failed, interrupted, inconsistent)
 * OUTDATED   the evidence belongs to an older version of the runbook
 * UNVERIFIED there is no evidence from a real run
 */
import type {Evidence} from './evidence';

export type Status = 'VERIFIED' | 'FAILING' | 'OUTDATED' | 'UNVERIFIED';

export interface StatusInfo {
  status: Status;
  /** Why, in one sentence, for the badge's tooltip and the verification page. */
  reason: string;
}

export function runbookStatus(evidence: Evidence | undefined, currentSourceHash: string): StatusInfo {
  if (!evidence) return {status: 'UNVERIFIED', reason: 'No run on a real cluster has been recorded yet.'};
  if (evidence.sourceHash !== currentSourceHash) {
    return {
      status: 'OUTDATED',
      reason: `The last real run (${evidence.outcome}) was of an older version of this runbook.`,
    };
  }
  const gap = unverified(evidence);
  if (gap) return {status: 'FAILING', reason: `The last real run of this exact runbook ${gap}.`};
  return {status: 'VERIFIED', reason: 'The last real run of this exact runbook passed.'};
}

// A step skipped on purpose (by an option the run did not set, e.g. forgejo-install without
// --oidc) leaves the rest verified; the step itself stays unverified (stepStatus).
const DONE: ReadonlySet<string> = new Set(['passed', 'already-done']);

/** Why a report of the current source does not verify the runbook, or undefined when it does. */
function unverified(evidence: Evidence): string | undefined {
  if (evidence.simulated !== false) return 'was on the simulated toolchain, which proves nothing about a cluster';
  if (evidence.mode !== 'up') return 'was a tear-down (--down), which verifies nothing';
  if (evidence.outcome !== 'passed') return `ended ${evidence.outcome}`;
  if (evidence.exitCode !== 0) return `exited with code ${evidence.exitCode}`;
  const open = evidence.steps.find((step) => !DONE.has(step.outcome) && !(step.outcome === 'skipped' && step.reason));
  if (open) return `reports step "${open.id}" as ${open.outcome}`;
  if (!evidence.steps.some((step) => DONE.has(step.outcome)))
    return evidence.steps.length ? 'skipped every step' : 'recorded no steps';
  return undefined;
}

export function stepStatus(stepId: string, evidence: Evidence | undefined, runbook: StatusInfo): StatusInfo {
  if (runbook.status === 'UNVERIFIED' || runbook.status === 'OUTDATED' || !evidence) return runbook;
  // Only a real up run says anything about the steps a page shows.
  if (evidence.simulated !== false || evidence.mode !== 'up') return {status: 'UNVERIFIED', reason: runbook.reason};
  const step = evidence.steps.find((candidate) => candidate.id === stepId);
  switch (step?.outcome) {
    case 'passed':
      return {status: 'VERIFIED', reason: 'This step passed in the last real run.'};
    case 'already-done':
      return {status: 'VERIFIED', reason: 'This step found its goal already met in the last real run.'};
    case 'failed':
      return {status: 'FAILING', reason: step.failure?.message ?? 'This step failed in the last real run.'};
    case 'skipped':
      return {
        status: 'UNVERIFIED',
        reason: `This step was skipped in the last real run${step.reason ? `: ${step.reason}` : ''}.`,
      };
    case undefined:
      return {status: 'UNVERIFIED', reason: 'The last real run has no record of this step.'};
    default:
      return {status: 'UNVERIFIED', reason: `This step was ${step?.outcome} in the last real run.`};
  }
}

/** "about 40 s", "about 2 min", "about 1 h 5 min": estimates for readers, not stopwatch figures. */
export function estimate(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds / 5) * 5 || Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const rest = minutes % 60;
  return `about ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}
