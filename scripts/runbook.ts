/**
 * CLI entry point: `npm run runbook -- <id|all> [options]`. Wires the process (streams, Ctrl-C,
 * prompts) to the engine's `main`; everything else lives in src/runbook/.
 */
import path from 'node:path';
import readline from 'node:readline/promises';
import {main} from '../src/runbook/cli';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\nInterrupted: cleaning up (press Ctrl-C again to exit at once)\n');
  interrupt.abort(new Error('interrupted (Ctrl-C)'));
});

async function ask(question: string): Promise<boolean> {
  const prompt = readline.createInterface({input: process.stdin, output: process.stdout});
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: path.resolve(__dirname, '..'),
  signal: interrupt.signal,
  ask,
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
