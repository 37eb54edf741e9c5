/**
 * Polling with a budget and a description of what is awaited, so a timeout can say what never
 * happened and what was seen last instead of "timed out".
 */
import {toMs, type Clock, type Duration} from './clock';
import {StepAssertionError, WaitTimeoutError} from './errors';

/** `true` when done; otherwise false or a short description of the state seen. */
export type ProbeResult = boolean | string;

export interface WaitOptions {
  timeout: Duration;
  interval?: Duration;
}

/** Stops the commands a probe started, when the wait's budget runs out before the probe answers. */
export interface ProbeCommands {
  mark(): number;
  /** Stops what was started since `mark` and is still running; returns those command lines. */
  stopSince(mark: number): Promise<string[]>;
}

export interface WaitDeps {
  clock: Clock;
  signal: AbortSignal;
  onPoll?(elapsedMs: number, detail: string | undefined): void;
  commands?: ProbeCommands;
}

const DEFAULT_INTERVAL: Duration = '2s';

type ProbeOutcome = {done: true} | {done: false; detail: string | undefined; answered: boolean};

/**
 * Polls `probe` until it says done or the budget is spent. The deadline holds even while a probe
 * is running: a probe that never answers (an API server that accepts and stalls) is stopped at
 * the deadline, and the timeout names the command that did not answer.
 */
export async function waitFor(
  what: string,
  probe: () => Promise<ProbeResult>,
  options: WaitOptions,
  deps: WaitDeps,
): Promise<void> {
  const timeoutMs = toMs(options.timeout);
  const intervalMs = toMs(options.interval ?? DEFAULT_INTERVAL);
  const started = deps.clock.now();
  const deadline = started + timeoutMs;
  for (;;) {
    deps.signal.throwIfAborted();
    const outcome = await probeWithin(deadline - deps.clock.now(), probe, deps);
    if (outcome.done) return;
    if (!outcome.answered) throw new WaitTimeoutError(what, timeoutMs, outcome.detail);
    deps.onPoll?.(deps.clock.now() - started, outcome.detail);
    const left = deadline - deps.clock.now();
    if (left <= 0) throw new WaitTimeoutError(what, timeoutMs, outcome.detail);
    await deps.clock.sleep(Math.min(intervalMs, left), deps.signal);
  }
}

async function probeWithin(budgetMs: number, probe: () => Promise<ProbeResult>, deps: WaitDeps): Promise<ProbeOutcome> {
  const mark = deps.commands?.mark() ?? 0;
  let cancelDeadline = () => {};
  const deadline = new Promise<'late'>(
    (resolve) => (cancelDeadline = deps.clock.after(Math.max(0, budgetMs), () => resolve('late'))),
  );
  const answer = probe().then(
    (result): ProbeOutcome =>
      result === true
        ? {done: true}
        : {done: false, answered: true, detail: typeof result === 'string' ? result : undefined},
    (error: unknown): ProbeOutcome => {
      // A failing probe (API not up yet, resource not created yet) is a state, not the end; a
      // probe that asserts a failure no wait can cure (an image tag that does not exist) is.
      if (deps.signal.aborted || error instanceof StepAssertionError) throw error;
      return {done: false, answered: true, detail: firstLine(error)};
    },
  );
  const first = await Promise.race([answer, deadline]);
  cancelDeadline();
  if (first !== 'late') return first;
  // The probe is abandoned; its stopped command rejects, which nobody needs to hear about.
  answer.catch(() => {});
  const stalled = (await deps.commands?.stopSince(mark)) ?? [];
  return {
    done: false,
    answered: false,
    detail: stalled.length ? `no answer from ${stalled.join('; ')}` : 'the last check did not answer',
  };
}

export interface RetryOptions {
  attempts: number;
  delay?: Duration;
}

/** Runs `fn` until it succeeds, up to `attempts` times; rethrows the last error. */
export async function retry<T>(fn: () => Promise<T>, options: RetryOptions, deps: WaitDeps): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    deps.signal.throwIfAborted();
    try {
      return await fn();
    } catch (error) {
      if (deps.signal.aborted) throw error;
      lastError = error;
      if (attempt < options.attempts) await deps.clock.sleep(toMs(options.delay ?? '2s'), deps.signal);
    }
  }
  throw lastError;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as {stderr?: string}).stderr || error.message : String(error);
  return text.trim().split('\n')[0] ?? '';
}
