/**
 * Polling with a budget and a description of what is awaited, so a timeout can say what never
 * happened and what was seen last instead of "timed out".
 */
import {toMs, type Clock, type Duration} from './clock';
import {WaitTimeoutError} from './errors';

/** `true` when done; otherwise false or a short description of the state seen. */
export type ProbeResult = boolean | string;

export interface WaitOptions {
  timeout: Duration;
  interval?: Duration;
}

export interface WaitDeps {
  clock: Clock;
  signal: AbortSignal;
  onPoll?(elapsedMs: number, detail: string | undefined): void;
}

const DEFAULT_INTERVAL: Duration = '2s';

export async function waitFor(what: string, probe: () => Promise<ProbeResult>, options: WaitOptions, deps: WaitDeps): Promise<void> {
  const timeoutMs = toMs(options.timeout);
  const intervalMs = toMs(options.interval ?? DEFAULT_INTERVAL);
  const started = deps.clock.now();
  const deadline = started + deps.clock.scale(timeoutMs);
  let detail: string | undefined;
  for (;;) {
    deps.signal.throwIfAborted();
    try {
      const result = await probe();
      if (result === true) return;
      detail = typeof result === 'string' ? result : undefined;
    } catch (error) {
      // A failing probe (API not up yet, resource not created yet) is a state, not the end.
      if (deps.signal.aborted) throw error;
      detail = firstLine(error);
    }
    deps.onPoll?.(deps.clock.now() - started, detail);
    if (deps.clock.now() >= deadline) throw new WaitTimeoutError(what, timeoutMs, detail);
    await deps.clock.sleep(intervalMs, deps.signal);
  }
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
  const text = error instanceof Error ? ((error as {stderr?: string}).stderr || error.message) : String(error);
  return text.trim().split('\n')[0] ?? '';
}
