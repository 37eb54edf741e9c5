/**
 * Whether a page can be trusted: the status of a runbook and of each of its steps, computed
 * from the latest evidence of a real run and the runbook's current source hash.
 *
 * VERIFIED   evidence for this exact source passed
 * FAILING    evidence for this exact source failed (or was interrupted)
 * OUTDATED   the evidence belongs to an older version of the runbook
 * UNVERIFIED there is no evidence from a real run
 */
import type {Evidence} from '../runbook/reporters/evidence';

export type Status = 'VERIFIED' | 'FAILING' | 'OUTDATED' | 'UNVERIFIED';

export interface StatusInfo {
  status: Status;
  /** Why, in one sentence, for the badge's tooltip and the verification page. */
  reason: string;
}

export function runbookStatus(evidence: Evidence | undefined, currentSourceHash: string): StatusInfo {
  if (!evidence) return {status: 'UNVERIFIED', reason: 'No run on a real cluster has been recorded yet.'};
  if (evidence.sourceHash !== currentSourceHash) {
    return {status: 'OUTDATED', reason: `The last real run (${evidence.outcome}) was of an older version of this runbook.`};
  }
  if (evidence.outcome === 'passed') return {status: 'VERIFIED', reason: 'The last real run of this exact runbook passed.'};
  return {status: 'FAILING', reason: `The last real run of this exact runbook ended ${evidence.outcome}.`};
}

export function stepStatus(stepId: string, evidence: Evidence | undefined, runbook: StatusInfo): StatusInfo {
  if (runbook.status === 'UNVERIFIED' || runbook.status === 'OUTDATED' || !evidence) return runbook;
  const step = evidence.steps.find((candidate) => candidate.id === stepId);
  switch (step?.outcome) {
    case 'passed':
      return {status: 'VERIFIED', reason: 'This step passed in the last real run.'};
    case 'already-done':
      return {status: 'VERIFIED', reason: 'This step found its goal already met in the last real run.'};
    case 'failed':
      return {status: 'FAILING', reason: step.failure?.message ?? 'This step failed in the last real run.'};
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
