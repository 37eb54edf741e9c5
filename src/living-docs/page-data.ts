/**
 * Builds the page data of a runbook (src/contract/page-data.ts): its plan joined with the latest
 * evidence and the status computed from it, at site build time.
 */
import {displayCommand} from '../contract/commands';
import type {RunbookView, StepView} from '../contract/page-data';
import type {Plan, PlannedStep} from '../contract/plan';
import {estimate, runbookStatus, stepStatus} from '../contract/status';
import type {EvidenceFiles} from './evidence';

export function buildRunbookView(plan: Plan, files: EvidenceFiles, page?: string): RunbookView {
  const {evidence} = files;
  const status = runbookStatus(evidence, plan.sourceHash);
  const passed = evidence?.outcome === 'passed' ? evidence : undefined;
  const view = (step: PlannedStep, withStatus: boolean): StepView => {
    const ran = passed?.steps.find((candidate) => candidate.id === step.id);
    return {
      ...step,
      commands: step.commands.map((command) => ({...command, display: displayCommand(command)})),
      status: withStatus
        ? stepStatus(step.id, evidence, status)
        : {status: 'UNVERIFIED', reason: 'Tear-down steps are not verified by the workflow.'},
      estimate: ran && ran.outcome === 'passed' ? estimate(ran.durationMs) : undefined,
    };
  };
  return {
    id: plan.id,
    title: plan.title,
    summary: plan.summary,
    needs: plan.needs,
    useCases: plan.useCases,
    sourceHash: plan.sourceHash,
    tools: plan.tools,
    options: plan.options,
    preflight: plan.preflight,
    next: plan.next,
    status,
    lastRun: evidence && {
      outcome: evidence.outcome,
      finishedAt: evidence.finishedAt,
      durationMs: evidence.durationMs,
      estimate: estimate(evidence.durationMs),
      tools: evidence.tools,
      kubernetesVersion: evidence.kubernetesVersion,
      gitCommit: evidence.gitCommit,
      runner: evidence.runner,
      current: evidence.sourceHash === plan.sourceHash,
    },
    steps: plan.steps.map((step) => view(step, true)),
    down: plan.down.map((step) => view(step, false)),
    hasTranscript: Boolean(files.transcript),
    page,
  };
}
