/** Errors that carry what a person needs to act: what was awaited, what failed, what to do. */
import {formatDuration} from './clock';

/** A Kubernetes object whose `describe` output explains a failure. */
export interface DescribeTarget {
  resource: string;
  namespace?: string;
}

export class WaitTimeoutError extends Error {
  /** Filled in by the step context so the executor can attach `kubectl describe` output. */
  describe: DescribeTarget[] = [];

  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastDetail: string | undefined,
  ) {
    super(
      `Timed out after ${formatDuration(timeoutMs)} waiting for ${what}${lastDetail ? ` (last seen: ${lastDetail})` : ''}`,
    );
    this.name = 'WaitTimeoutError';
  }
}

/** A check or verification found the cluster in a state the runbook cannot continue from. */
export class StepAssertionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Objects whose `kubectl describe` explains the state (attached as diagnostics). */
    readonly describe: DescribeTarget[] = [],
  ) {
    super(hint ? `${message}\nWhat to do: ${hint}` : message);
    this.name = 'StepAssertionError';
  }
}

/**
 * Thrown by a step that finds at run time that it does not apply (e.g. `--oidc` without Keycloak):
 * the step is reported as skipped with this reason, and the run goes on.
 */
export class StepSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StepSkipped';
  }
}

/**
 * A plan whose preflight fails under the options given: a real run would stop there too (exit 3),
 * so the plan says what the preflight says instead of failing as an internal error.
 */
export class PlanPreflightError extends Error {
  constructor(
    readonly runbook: string,
    readonly problems: Array<{problem: string; fix: string}>,
  ) {
    super(`${runbook}: preflight would fail: ${problems.map((check) => check.problem).join('; ')}`);
    this.name = 'PlanPreflightError';
  }
}

/** Bad command-line input: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
