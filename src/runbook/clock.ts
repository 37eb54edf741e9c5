/**
 * Time as the engine sees it. Runbooks state real budgets ("wait up to 3 min"); the simulated
 * toolchain runs them on a scaled clock so a test of a 3-minute timeout takes milliseconds,
 * while every budget keeps its proportion to the others.
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
  now(): number;
  /** Real milliseconds to wait for a budget stated in runbook time. */
  scale(ms: number): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function scaledClock(factor: number): Clock {
  return {
    now: () => Date.now(),
    scale: (ms) => Math.max(1, Math.round(ms * factor)),
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(done, Math.max(1, Math.round(ms * factor)));
        function done() {
          signal?.removeEventListener('abort', abort);
          resolve();
        }
        function abort() {
          clearTimeout(timer);
          reject(signal?.reason);
        }
        signal?.addEventListener('abort', abort, {once: true});
      });
    },
  };
}

export const realClock: Clock = scaledClock(1);
