/**
 * Commands that keep running while later steps use them, such as `kubectl port-forward`. The
 * engine starts them like any other command (so plans and transcripts show them), waits until
 * their output says they are ready, and stops them through the toolchain's `kill` when the run
 * ends. zx's own `ProcessPromise.kill()` is not used: it resolves `kill` from whatever zx context
 * is current, which outside the command's own context is the real `kill`, even in simulations.
 */
import type {ProcessOutput, ProcessPromise} from 'zx/core';
import {formatDuration, toMs, type Clock, type Duration} from './clock';
import {StepAssertionError} from './errors';

export interface BackgroundReady {
  /** A line on stdout that means the command is ready, e.g. /Forwarding from 127\.0\.0\.1:(\d+)/. */
  ready: RegExp;
  timeout: Duration;
}

export interface BackgroundDeps {
  clock: Clock;
  kill(pid: number): Promise<void>;
}

export interface Background {
  /** The match of `ready` in the command's output. */
  match: RegExpExecArray;
  /** Stops the command (if it still runs) and waits until it has exited. */
  stop(): Promise<void>;
}

export async function startBackground(
  running: ProcessPromise,
  options: BackgroundReady,
  deps: BackgroundDeps,
): Promise<Background> {
  // A stopped background command is expected to end by a signal; that is not a failure.
  running.nothrow();
  let exited = false;
  const settled: Promise<ProcessOutput> = running.then((output) => {
    exited = true;
    return output;
  });
  const stop = async () => {
    const pid = running.pid;
    if (!exited && pid !== undefined) await deps.kill(pid);
    await settled;
  };
  try {
    const match = await readyLine(running, settled, options, deps.clock);
    return {match, stop};
  } catch (error) {
    await stop();
    throw error;
  }
}

function readyLine(
  running: ProcessPromise,
  settled: Promise<ProcessOutput>,
  options: BackgroundReady,
  clock: Clock,
): Promise<RegExpExecArray> {
  const timeoutMs = toMs(options.timeout);
  return new Promise((resolve, reject) => {
    let seen = '';
    const cancelTimer = clock.after(timeoutMs, () =>
      finish(
        new StepAssertionError(
          `${running.cmd} printed nothing that matches ${options.ready} within ${formatDuration(timeoutMs)} (output so far: ${seen.trim() || 'none'})`,
        ),
      ),
    );
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      const match = options.ready.exec(seen);
      if (match) finish(match);
    };
    running.stdout?.on('data', onData);
    void settled.then((output) =>
      finish(
        new StepAssertionError(
          `${running.cmd} exited with code ${output.exitCode ?? output.signal} before it was ready: ${output.stderr.trim() || output.stdout.trim() || 'no output'}`,
        ),
      ),
    );
    function finish(outcome: RegExpExecArray | Error) {
      cancelTimer();
      running.stdout?.off('data', onData);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
  });
}
