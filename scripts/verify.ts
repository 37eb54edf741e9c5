/**
 * CLI entry point: `npm run verify`. Runs every runbook for real, as the verify-runbooks workflow
 * does, and writes the evidence to verification/ (src/cli/verify.ts).
 */
import path from 'node:path';
import {verifyMain} from '../src/cli/verify';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(
      `\n${signal}: stopping the current runbook, then tearing its cluster down (again to exit at once)\n`,
    );
    interrupt.abort(new Error(`interrupted (${signal})`));
  });
}

verifyMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: path.resolve(__dirname, '..'),
  signal: interrupt.signal,
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // No stack trace for a user; the message names what failed.
    process.stderr.write(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
