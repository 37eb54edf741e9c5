/**
 * CLI entry point: `npm run scan:secrets [-- <dir>]` scans a built site (default `build/`) for
 * credentials. Exit 0 clean, 1 when something was found (file, line and rule listed, never the
 * value), 2 when there is nothing to scan.
 */
import path from 'node:path';
import {scanDirectory, SCANNED_FILES} from '../src/secrets/scan';

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'build'));
  let result;
  try {
    result = await scanDirectory(dir);
  } catch (error) {
    process.stderr.write(`scan:secrets: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (result.scannedFiles === 0) {
    process.stderr.write(`scan:secrets: no ${SCANNED_FILES} files under ${dir}\n`);
    return 2;
  }
  if (result.findings.length === 0) {
    process.stdout.write(`scan:secrets: ${result.scannedFiles} files in ${dir}, no credentials found\n`);
    return 0;
  }
  for (const finding of result.findings) process.stderr.write(`${finding.file}:${finding.line}  ${finding.rule}\n`);
  process.stderr.write(`scan:secrets: ${result.findings.length} possible credential(s) in ${dir}; remove them from the source pages\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
