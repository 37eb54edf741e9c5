/**
 * The plan of a runbook: the exact commands it runs on a fresh machine, step by step, as
 * src/runbook/plan.ts records them. Pages, the terminal and demos read this shape and nothing of
 * the engine behind it.
 */

export interface PlannedCommand {
  phase: 'check' | 'action' | 'verify';
  command: string;
  /** Text piped to stdin (a kind config, a manifest), shown as a heredoc. */
  input?: string;
  timeoutMs?: number;
  /**
   * The secret variables it reads (`$FORGEJO_PASSWORD`), each with a command that prints the
   * value, in the order they are set. A variable an earlier command keeps (`keeps`) is not here.
   */
  env?: PlannedVariable[];
  /** Its JSON answer carries a credential a later command reads: pasted, it keeps that field in the variable. */
  keeps?: {variable: string; field: string};
  /**
   * Variables its input reads (`${DRILL_VALUE}` where the runbook fed the value itself): set before
   * it (`env`) or kept by an earlier command, and expanded by the shell, so the input is shown as an
   * unquoted heredoc. A value several commands use is generated or read once, not once per command.
   */
  expands?: string[];
}

/** A variable a command reads, and how to set it: `export VARIABLE="$(from)"`. Never its value. */
export interface PlannedVariable {
  variable: string;
  from: string;
}

export interface PlannedWait {
  what: string;
  timeoutMs: number;
}

export interface PlannedStep {
  id: string;
  title: string;
  why: string;
  expect?: string;
  /** Why the step is left out under these options. */
  skipped?: string;
  /** On a fresh machine an earlier step already achieves it: only its check runs. */
  alreadyDone?: boolean;
  commands: PlannedCommand[];
  waits: PlannedWait[];
}

export interface Plan {
  id: string;
  title: string;
  summary: string;
  useCases: string[];
  needs: string[];
  sourceHash: string;
  tools: Array<{name: string; minVersion: string; install: string}>;
  options: Array<{name: string; description: string; default?: string}>;
  preflight: Array<{id: string; title: string}>;
  preflightCommands: string[];
  steps: PlannedStep[];
  down: PlannedStep[];
  next: string[];
}
