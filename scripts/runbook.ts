/**
 * CLI entry point: `npm run runbook -- <id|all> [options]`. Wires the process (streams, signals,
 * prompts) to the engine's `main`; everything else lives in src/runbook/.
 */
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import {main} from '../src/cli/runbook';
import {planWorld} from '../src/runbook/sim/plan-world';

// Ctrl-C, `kill`/`timeout`/a container stop (SIGTERM) and a closed terminal (SIGHUP) all clean up
// and write the report; a second signal exits at once.
const interrupt = new AbortController();
function interrupted(signal: NodeJS.Signals): void {
  if (interrupt.signal.aborted) process.exit(128 + (os.constants.signals[signal] ?? 0));
  process.stderr.write(`\nInterrupted (${signal}): cleaning up (press Ctrl-C again to exit at once)\n`);
  interrupt.abort(new Error(`interrupted (${signal})`));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => interrupted(signal));

// After SIGHUP the terminal is gone and writes to it fail (EIO); the run must still clean up and
// write its report, so a failed write to the terminal is not a reason to stop.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

/** y/N on the terminal. End of input (Ctrl-D) is "no"; Ctrl-C is "no" and interrupts the run. */
function ask(question: string): Promise<boolean> {
  const prompt = readline.createInterface({input: process.stdin, output: process.stdout});
  return new Promise<boolean>((resolve) => {
    prompt.on('close', () => resolve(false));
    // The terminal is in raw mode while asking, so Ctrl-C reaches readline, not the process.
    prompt.on('SIGINT', () => {
      resolve(false);
      interrupted('SIGINT');
    });
    interrupt.signal.addEventListener('abort', () => resolve(false), {once: true});
    prompt.question(`${question} [y/N] `, (answer) => resolve(/^y(es)?$/i.test(answer.trim())));
  }).finally(() => prompt.close());
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: path.resolve(__dirname, '..'),
  signal: interrupt.signal,
  ask,
  planWorld,
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
