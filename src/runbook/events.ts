/**
 * The engine's event stream. The executor only emits events; console output, transcripts and
 * reports are listeners (like zx's `$.log`), so each can be swapped or tested alone. Every text
 * that reaches a listener has already passed the redactor.
 */
import type {CommandVariable} from './credentials';

export type Phase = 'preflight' | 'check' | 'action' | 'verify' | 'diagnostics' | 'cleanup' | 'environment';

export type StepOutcome = 'passed' | 'already-done' | 'skipped' | 'failed' | 'interrupted' | 'not-run';
export type RunOutcome = 'passed' | 'failed' | 'preflight-failed' | 'interrupted';

export interface StepFailureInfo {
  message: string;
  command?: string;
  exitCode?: number | null;
  stderrTail?: string;
}

export interface Diagnostic {
  title: string;
  command: string;
  output: string;
}

export type RunEvent =
  | {type: 'run-start'; runbook: string; title: string; mode: 'up' | 'down'; stepCount: number}
  | {type: 'preflight'; id: string; title: string; ok: boolean; detail?: string; problem?: string; fix?: string}
  | {type: 'step-start'; stepId: string; title: string; index: number; total: number}
  | {
      type: 'command';
      stepId: string;
      phase: Phase;
      /** Tells apart two runs of the same command line (a later command may keep this one's answer). */
      commandId: string;
      command: string;
      input?: string;
      /** The variables its input names (`${DRILL_VALUE}`) where it carries their values. */
      expands?: string[];
      timeoutMs?: number;
      /** The variables it reads and where their values come from. */
      env?: CommandVariable[];
    }
  | {type: 'command-end'; stepId: string; command: string; exitCode: number | null; durationMs: number}
  | {type: 'output'; stepId: string; stream: 'stdout' | 'stderr'; text: string}
  | {type: 'wait'; stepId: string; what: string; elapsedMs: number; timeoutMs: number; detail?: string}
  | {type: 'note'; stepId?: string; text: string}
  | {
      type: 'step-end';
      stepId: string;
      outcome: StepOutcome;
      durationMs: number;
      reason?: string;
      failure?: StepFailureInfo;
      diagnostics?: Diagnostic[];
    }
  | {type: 'run-end'; outcome: RunOutcome; exitCode: number; durationMs: number; message?: string};

export type Listener = (event: RunEvent) => void;

export class EventBus {
  private readonly listeners: Listener[] = [];

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
