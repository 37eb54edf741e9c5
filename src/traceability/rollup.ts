/**
 * Status of a use case and of a capability, rolled up from the runbooks' statuses (computed by
 * src/contract/status.ts from the evidence of real runs; nothing here reads evidence).
 *
 * A use case is no better than the run that proves it: a runbook that is not VERIFIED gives every
 * use case it proves its own status, even when the use case's steps passed, because a failed run
 * is no proof. A VERIFIED runbook proves a use case through the steps the use case names (a step
 * skipped by an option leaves that use case UNVERIFIED).
 *
 * A rollup takes the status that holds for its weakest part: FAILING if anything fails, else
 * UNVERIFIED if anything lacks evidence, else OUTDATED if anything has only older evidence, else
 * VERIFIED.
 */
import type {RunbookView} from '../contract/page-data';
import type {Status, StatusInfo} from '../contract/status';

const WEAKEST_FIRST: readonly Status[] = ['FAILING', 'UNVERIFIED', 'OUTDATED', 'VERIFIED'];

/** Labels each part's reason with its name, e.g. "UC-2: ...", so the rolled-up reason says where. */
export function rollUp(parts: Array<{name: string; status: StatusInfo}>): StatusInfo {
  if (!parts.length) return {status: 'UNVERIFIED', reason: 'Nothing proves it.'};
  const weakest = parts.reduce((worst, part) =>
    WEAKEST_FIRST.indexOf(part.status.status) < WEAKEST_FIRST.indexOf(worst.status.status) ? part : worst,
  );
  if (weakest.status.status === 'VERIFIED')
    return {
      status: 'VERIFIED',
      reason: 'Every runbook step that proves it passed in the last real run of the current runbook.',
    };
  return {status: weakest.status.status, reason: `${weakest.name}: ${weakest.status.reason}`};
}

/** What a runbook, or the named steps of it, prove. */
export function proofStatus(view: RunbookView, steps?: string[]): StatusInfo {
  const named = steps?.map((id) => {
    const step = view.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`Runbook ${view.id} has no step "${id}"`);
    return {name: `step ${id}`, status: step.status};
  });
  return view.status.status === 'VERIFIED' && named ? rollUp(named) : view.status;
}
