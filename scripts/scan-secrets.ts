/**
 * CLI entry point: `npm run scan:secrets [-- <dir>]` scans a built site (default `build/`) for
 * credentials; `npm run scan:secrets -- --repo` scans every file the repository tracks instead.
 * Exit 0 clean, 1 when something was found (file, line and rule listed, never the value), 2 when
 * there is nothing to scan.
 */
import path from 'node:path';
import {scanDirectory, scanRepository, type ScanResult} from '../src/secrets/scan';

const ROOT = path.join(__dirname, '..');

async function main(argv: string[]): Promise<number> {
  const repo = argv[0] === '--repo';
  const target = repo ? ROOT : path.resolve(argv[0] ?? path.join(ROOT, 'build'));
  let result: ScanResult;
  try {
    result = repo ? await scanRepository(target) : await scanDirectory(target);
  } catch (error) {
    process.stderr.write(`scan:secrets: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const what = repo ? 'files tracked by git in' : 'files in';
  if (result.scannedFiles === 0) {
    process.stderr.write(
      repo ? `scan:secrets: git tracks no text files in ${target}\n` : `scan:secrets: no text files under ${target}\n`,
    );
    return 2;
  }
  if (result.findings.length === 0) {
    process.stdout.write(`scan:secrets: ${result.scannedFiles} ${what} ${target}, no credentials found\n`);
    return 0;
  }
  for (const finding of result.findings) process.stderr.write(`${finding.file}:${finding.line}  ${finding.rule}\n`);
  process.stderr.write(
    `scan:secrets: ${result.findings.length} possible credential(s) in ${target}; remove them from the source${repo ? '' : ' pages or transcripts'}\n`,
  );
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
