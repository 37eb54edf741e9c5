/**
 * What a runbook-backed page renders: the plan (steps and exact commands) joined with the latest
 * evidence and the status computed from it. Built at site build time, one record per runbook.
 */
import type {Evidence} from '../contract/evidence';
import {displayCommand, type Plan, type PlannedCommand, type PlannedStep} from '../runbook/plan';
import type {EvidenceFiles} from './evidence';
import {estimate, runbookStatus, stepStatus, type StatusInfo} from './status';

export interface CommandView extends PlannedCommand {
  /** As shown and copied: with its stdin as a heredoc. */
  display: string;
}

export interface StepView extends Omit<PlannedStep, 'commands'> {
  commands: CommandView[];
  status: StatusInfo;
  /** From the last passed real run. */
  estimate?: string;
}

export interface RunSummary {
  outcome: Evidence['outcome'];
  finishedAt: string;
  durationMs: number;
  estimate: string;
  tools: Record<string, string>;
  kubernetesVersion?: string;
  gitCommit?: string;
  runner: Evidence['runner'];
  current: boolean;
}

export interface RunbookView {
  id: string;
  title: string;
  summary: string;
  needs: string[];
  useCases: string[];
  sourceHash: string;
  tools: Plan['tools'];
  options: Plan['options'];
  preflight: Plan['preflight'];
  next: string[];
  status: StatusInfo;
  lastRun?: RunSummary;
  steps: StepView[];
  down: StepView[];
  hasTranscript: boolean;
  /** The docs file (docs/...) that embeds the runbook, when one does. */
  page?: string;
  /** That page's URL, as the docs plugin published it (filled in once every plugin has loaded). */
  permalink?: string;
}

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
