/**
 * The records folder on disk: reading and checking every record, creating the next one from the
 * template, and writing a supersede link into both records it joins.
 */
import fs from 'node:fs';
import path from 'node:path';
import {citationIssues, filesToScan} from './citations';
import {AdrRefusedError, AdrUsageError} from './errors';
import {updateFrontMatter} from './frontmatter';
import {
  adrLabel,
  formatAdrNumber,
  formatIssue,
  isRecordCandidate,
  TITLE_LINK,
  type AdrIssue,
  type AdrRecord,
} from './model';
import {nextRecordNumber, recordFileName, kebabCase} from './naming';
import {parseRecord} from './parse';
import {validateRecords} from './validate';

/** The template `adr new` copies; the leading underscore keeps Docusaurus from publishing it. */
export const TEMPLATE_FILE = '_template.md';

export interface RecordsFolder {
  /** Parsed records, sorted by number. */
  records: AdrRecord[];
  /** Problems in single files and across records; `file` is the record's file name. */
  issues: AdrIssue[];
}

export function readRecords(dir: string): RecordsFolder {
  if (!fs.existsSync(dir)) throw new AdrUsageError(`No records folder at ${dir}`);
  const records: AdrRecord[] = [];
  const issues: AdrIssue[] = [];
  for (const file of fs.readdirSync(dir).filter(isRecordCandidate).sort()) {
    const parsed = parseRecord(file, fs.readFileSync(path.join(dir, file), 'utf8'));
    issues.push(...parsed.issues);
    if (parsed.record) records.push(parsed.record);
  }
  records.sort((a, b) => a.number - b.number);
  return {records, issues: [...issues, ...validateRecords(records)]};
}

export interface DecisionCheck {
  root: string;
  /** Records folder relative to `root`. */
  adrDir: string;
  /** Folders whose files must not cite a superseded record as current. */
  citing: string[];
}

/** Everything `npm test` and the build hold the decision log to; issue paths are relative to `root`. */
export function checkDecisions({root, adrDir, citing}: DecisionCheck): RecordsFolder {
  const {records, issues} = readRecords(path.resolve(root, adrDir));
  return {
    records,
    issues: [
      ...issues.map((issue) => ({...issue, file: path.join(adrDir, issue.file)})),
      ...citationIssues(root, filesToScan(root, citing), records),
    ],
  };
}

export interface CreatedRecord {
  number: number;
  file: string;
}

export function createRecord(dir: string, title: string, date: string): CreatedRecord {
  const cleanTitle = title.trim().replace(/\s+/g, ' ');
  if (!kebabCase(cleanTitle))
    throw new AdrUsageError(`The title "${title}" has no letters or digits to name the file after.`);
  if (/[{}<>]/.test(cleanTitle))
    throw new AdrUsageError('The title may not contain { } < or >: the site reads records as MDX.');
  if (TITLE_LINK.test(cleanTitle))
    throw new AdrUsageError(
      'The title may not hold a Markdown link: it is also the page title, where Markdown shows as typed. Link in the text instead.',
    );
  const templatePath = path.join(dir, TEMPLATE_FILE);
  if (!fs.existsSync(templatePath)) throw new AdrUsageError(`No template at ${templatePath}`);
  const number = nextRecordNumber(fs.readdirSync(dir));
  const file = recordFileName(number, cleanTitle);
  const text = fs.readFileSync(templatePath, 'utf8').replaceAll('{{title}}', cleanTitle).replaceAll('{{date}}', date);
  // 'wx' refuses to overwrite, in case two people create a record at the same moment.
  fs.writeFileSync(path.join(dir, file), text, {flag: 'wx'});
  return {number, file};
}

export interface SupersedeResult {
  old: AdrRecord;
  replacement: AdrRecord;
  /** False when both records already said so; nothing was written. */
  changed: boolean;
}

/** Marks record `oldNumber` superseded by `newNumber`, writing the link into both files. */
export function supersedeRecord(dir: string, oldNumber: number, newNumber: number): SupersedeResult {
  if (oldNumber === newNumber) throw new AdrUsageError('A record cannot supersede itself.');
  const folder = readRecords(dir);
  const old = findRecord(folder, oldNumber);
  const replacement = findRecord(folder, newNumber);

  if (old.supersededBy === newNumber && replacement.supersedes.includes(oldNumber))
    return {old, replacement, changed: false};
  if (old.status === 'rejected')
    throw new AdrRefusedError(`${adrLabel(oldNumber)} was rejected; nothing of it is in force to supersede.`);
  if (old.supersededBy !== undefined)
    throw new AdrRefusedError(
      `${adrLabel(oldNumber)} is already superseded by ${adrLabel(old.supersededBy)}; supersede that one instead.`,
    );
  if (replacement.status === 'rejected' || replacement.status === 'superseded') {
    throw new AdrRefusedError(
      `${adrLabel(newNumber)} is ${replacement.status}; only a proposed or accepted record can replace another.`,
    );
  }

  const supersedes = [...replacement.supersedes, oldNumber].sort((a, b) => a - b);
  rewrite(dir, old.file, {status: 'superseded', 'superseded-by': newNumber});
  rewrite(dir, replacement.file, {supersedes: supersedes.length === 1 ? supersedes[0] : supersedes});
  return {old, replacement, changed: true};
}

function findRecord({records, issues}: RecordsFolder, number: number): AdrRecord {
  const record = records.find((candidate) => candidate.number === number);
  if (record) return record;
  const unreadable = issues.filter((issue) => issue.file.startsWith(`${formatAdrNumber(number)}-`));
  if (unreadable.length)
    throw new AdrRefusedError(
      `${adrLabel(number)} cannot be read; fix it first:\n${unreadable.map(formatIssue).join('\n')}`,
    );
  throw new AdrUsageError(
    `No record ${adrLabel(number)}. Known: ${records.map((known) => known.number).join(', ') || 'none'}.`,
  );
}

function rewrite(dir: string, file: string, changes: Record<string, unknown>): void {
  const target = path.join(dir, file);
  fs.writeFileSync(target, updateFrontMatter(fs.readFileSync(target, 'utf8'), changes));
}
