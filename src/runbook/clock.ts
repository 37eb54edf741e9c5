/**
 * Time as the engine sees it. Runbooks state real budgets ("wait up to 3 min"). On a real
 * machine they are measured on the wall clock; the simulated toolchain hands the engine a
 * virtual clock (`./sim/virtual-clock`) on which a 3-minute budget is decided by simulated
 * events alone, however busy the machine is.
 */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h'}`;

const UNIT_MS = {ms: 1, s: 1_000, m: 60_000, h: 3_600_000} as const;

export function toMs(duration: Duration): number {
  if (typeof duration === 'number') return duration;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  if (!match) throw new Error(`Invalid duration "${duration}"`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** "2m 5s", "41s", "850ms": how budgets and durations are shown to people. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes}m ${rest}s` : `${minutes}m`;
}

export interface Clock {
  /** Milliseconds since the epoch (wall or virtual). */
  now(): number;
  /** Calls `fn` once `ms` have passed on this clock; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Resolves once `ms` have passed on this clock; rejects with the signal's reason on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** `sleep` for any clock, built on its `after`. */
export function sleepOn(clock: Pick<Clock, 'after'>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const cancel = clock.after(ms, () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    });
    function abort() {
      cancel();
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, {once: true});
  });
}

export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  sleep: (ms, signal) => sleepOn(realClock, ms, signal),
};
