/**
 * CLI entry point: `npm run demo -- <runbook> [--auto <seconds>] [--replay] [--simulated]`. Wires
 * the process (streams, keys, signals) to `demoMain`; everything else lives in src/demo/.
 */
import path from 'node:path';
import {demoMain} from '../src/demo/cli';

// Ctrl-C (when the terminal is not in raw mode), SIGTERM and a closed terminal stop the demo and
// clean up; a second signal exits at once.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort(new Error(`interrupted (${signal})`));
  });
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

demoMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  root: path.resolve(__dirname, '..'),
  signal: interrupt.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
