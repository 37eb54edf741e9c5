/**
 * CLI entry point: `npm run adr -- <new|supersede|list|check>`. Everything but the process wiring
 * lives in src/adr/.
 */
import path from 'node:path';
import {main} from '../src/adr/cli';

try {
  process.exitCode = main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    root: path.resolve(__dirname, '..'),
    today: new Date().toISOString().slice(0, 10),
  });
} catch (error) {
  process.stderr.write(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
