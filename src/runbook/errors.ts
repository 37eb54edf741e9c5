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
    super(`Timed out after ${formatDuration(timeoutMs)} waiting for ${what}` + (lastDetail ? ` (last seen: ${lastDetail})` : ''));
    this.name = 'WaitTimeoutError';
  }
}

/** A check or verification found the cluster in a state the runbook cannot continue from. */
export class StepAssertionError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message}\nWhat to do: ${hint}` : message);
    this.name = 'StepAssertionError';
  }
}

/** Bad command-line input: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
