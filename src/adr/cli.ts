/**
 * `npm run adr -- <command>`: creates, supersedes, lists and checks decision records. `main`
 * takes its world as arguments (output streams, repository root, today's date) so tests run it
 * against a temporary folder exactly as a person would from the shell.
 */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {AdrRefusedError, AdrUsageError} from './errors';
import {adrLabel, formatAdrNumber, formatIssue, isCalendarDate, type AdrRecord} from './model';
import {checkDecisions, createRecord, readRecords, supersedeRecord} from './store';

export interface AdrCliIO {
  stdout: {write(text: string): unknown};
  stderr: {write(text: string): unknown};
  /** Repository root: `--dir` and the cited folders are relative to it. */
  root: string;
  /** YYYY-MM-DD used by `new` unless `--date` is given. */
  today: string;
}

export const USAGE = `Usage: npm run adr -- <command> [options]

Commands:
  new <title>             Create the next numbered record (status: proposed) from adr/_template.md.
  supersede <old> <new>   Mark record <old> superseded by <new> and link both records.
  list                    Number, status, date, title and superseded-by of every record.
  check                   Validate the records, and that no page or runbook cites a superseded one as current.

Options:
  --dir <path>            Records folder, relative to the repository (default: adr).
  --date <YYYY-MM-DD>     Date of a new record (default: today).
  --help                  Show this help.

Exit codes: 0 ok, 1 invalid records or refused change, 2 usage error.`;

/** Folders whose citations `check` verifies, as in the unit tests. */
export const CITING_FOLDERS = ['docs', 'runbooks'];

export function main(argv: string[], io: AdrCliIO): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof AdrUsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof AdrRefusedError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseUsage(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {dir: {type: 'string'}, date: {type: 'string'}, help: {type: 'boolean'}},
    });
  } catch (error) {
    throw new AdrUsageError((error as Error).message);
  }
}

function run(argv: string[], io: AdrCliIO): number {
  const {values, positionals} = parseUsage(argv);
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const adrDir = values.dir ?? 'adr';
  const dir = path.resolve(io.root, adrDir);
  const [command, ...rest] = positionals;

  switch (command) {
    case 'new': {
      const title = rest.join(' ');
      if (!title.trim())
        throw new AdrUsageError('new needs a title, e.g. npm run adr -- new "Use Kustomize for overlays"');
      const date = values.date ?? io.today;
      if (!isCalendarDate(date)) throw new AdrUsageError(`--date must be YYYY-MM-DD (got "${date}")`);
      const created = createRecord(dir, title, date);
      io.stdout.write(
        `Created ${path.join(adrDir, created.file)} (${adrLabel(created.number)}, status proposed).\n` +
          'Fill in its sections; set status to accepted once the team agrees.\n',
      );
      return 0;
    }
    case 'supersede': {
      if (rest.length !== 2) throw new AdrUsageError('supersede needs two record numbers: <old> <new>');
      const [oldNumber, newNumber] = rest.map(recordNumber) as [number, number];
      const result = supersedeRecord(dir, oldNumber, newNumber);
      io.stdout.write(
        result.changed
          ? `${adrLabel(oldNumber)} "${result.old.title}" is now superseded by ${adrLabel(newNumber)} "${result.replacement.title}" (both records updated).\n`
          : `${adrLabel(oldNumber)} is already superseded by ${adrLabel(newNumber)}; nothing to change.\n`,
      );
      return 0;
    }
    case 'list': {
      if (rest.length) throw new AdrUsageError(`list takes no arguments (got ${rest.join(' ')})`);
      const {records, issues} = readRecords(dir);
      io.stdout.write(formatTable(records));
      return reportIssues(
        io,
        issues.map((issue) => ({...issue, file: path.join(adrDir, issue.file)})),
      );
    }
    case 'check': {
      if (rest.length) throw new AdrUsageError(`check takes no arguments (got ${rest.join(' ')})`);
      const {records, issues} = checkDecisions({root: io.root, adrDir, citing: CITING_FOLDERS});
      if (reportIssues(io, issues) === 0)
        io.stdout.write(`${records.length} records valid; no page or runbook cites a superseded record as current.\n`);
      return issues.length ? 1 : 0;
    }
    case undefined:
      throw new AdrUsageError('Missing command.');
    default:
      throw new AdrUsageError(`Unknown command "${command}".`);
  }
}

function recordNumber(text: string): number {
  const digits = /^(?:ADR-)?(\d{1,4})$/i.exec(text)?.[1];
  if (!digits || Number(digits) === 0)
    throw new AdrUsageError(`"${text}" is not a record number (e.g. 6, 0006 or ADR-0006)`);
  return Number(digits);
}

function reportIssues(io: AdrCliIO, issues: {file: string; message: string}[]): number {
  if (!issues.length) return 0;
  io.stderr.write(
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in the decision records:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}\n`,
  );
  return 1;
}

function formatTable(records: AdrRecord[]): string {
  const rows = [
    ['NUMBER', 'STATUS', 'DATE', 'SUPERSEDED-BY', 'TITLE'],
    ...records.map((record) => [
      formatAdrNumber(record.number),
      record.status,
      record.date,
      record.supersededBy === undefined ? '-' : formatAdrNumber(record.supersededBy),
      record.title,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n')}\n`;
}
