/**
 * What a runbook-backed page renders: the plan (steps and exact commands) joined with the latest
 * evidence and the status computed from it, one record per runbook. Built at site build time
 * (src/living-docs/page-data.ts); read by the plugins, the remark embed and the components.
 */
import type {Evidence} from './evidence';
import type {Plan, PlannedCommand, PlannedStep} from './plan';
import type {StatusInfo} from './status';

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

/** The runbooks plugin's global data: a summary of each runbook for the verification page and links. */
export interface RunbookSummary
  extends Pick<RunbookView, 'id' | 'title' | 'status' | 'lastRun' | 'permalink' | 'useCases' | 'needs'> {
  steps: number;
}

export interface RunbooksGlobalData {
  runbooks: RunbookSummary[];
}
