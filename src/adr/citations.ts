/**
 * Finds where handbook pages and runbooks cite a decision, and flags citations of a superseded
 * decision that read as if it were still in force. A line may still name an old record when it
 * says so: the word "superseded" on the same line marks the mention as historical.
 */
import fs from 'node:fs';
import path from 'node:path';
import {adrLabel, RECORD_FILE_PATTERN, type AdrIssue, type AdrRecord} from './model';
import {currentRecord} from './validate';

export interface Citation {
  /** 1-based line number. */
  line: number;
  /** The text that cites, e.g. `ADR-0006` or `/adr/kanban-with-spikes`. */
  text: string;
  number?: number;
  /** A published URL slug, for `/adr/<slug>` links. */
  slug?: string;
  historical: boolean;
}

/** `ADR-0006`, `ADR 6`; not `MADR 4`. */
const LABEL = /\bADR[- ]?(\d{1,4})\b/g;
/** Links to a record file or to its number-prefixed path: `adr/0006-kanban.md`. */
const FILE_LINK = /\badr\/(\d{4})-[a-z0-9-]+(?:\.mdx?)?/g;
/** Published URLs (Docusaurus drops the number prefix): `/adr/kanban-with-spikes`, but not `src/adr/parse.ts`. */
const URL_LINK = /(?<![\w.])\/adr\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/g;

export function findCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  text.split('\n').forEach((lineText, index) => {
    const historical = /superseded/i.test(lineText);
    const line = index + 1;
    for (const match of lineText.matchAll(LABEL))
      citations.push({line, text: match[0], number: Number(match[1]), historical});
    for (const match of lineText.matchAll(FILE_LINK))
      citations.push({line, text: match[0], number: Number(match[1]), historical});
    for (const match of lineText.matchAll(URL_LINK)) citations.push({line, text: match[0], slug: match[1], historical});
  });
  return citations;
}

/** The URL slug Docusaurus gives a record: its file name without the number prefix and extension. */
export function recordSlug(record: AdrRecord): string {
  return RECORD_FILE_PATTERN.exec(record.file)?.[2] ?? record.file.replace(/\.mdx?$/, '');
}

/** Checks the citations in `files` (paths relative to `root`) against the records. */
export function citationIssues(root: string, files: string[], records: AdrRecord[]): AdrIssue[] {
  const issues: AdrIssue[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const citation of findCitations(text)) {
      const where = `${file}:${citation.line}`;
      const record =
        citation.number !== undefined
          ? records.find((candidate) => candidate.number === citation.number)
          : records.find((candidate) => recordSlug(candidate) === citation.slug);
      if (!record) {
        issues.push({file: where, message: `cites ${citation.text}, which is not a decision record`});
        continue;
      }
      if (record.status !== 'superseded' || citation.historical) continue;
      const current = currentRecord(records, record.number);
      issues.push({
        file: where,
        message:
          `cites ${adrLabel(record.number)} ("${record.title}") as current, but it is superseded` +
          (current ? ` by ${adrLabel(current.number)} ("${current.title}"); cite that instead` : '') +
          ', or say "superseded" on that line if the mention is historical',
      });
    }
  }
  return issues;
}

/** Text files under the given folders of `root` (missing folders are skipped), relative to `root`. */
export function filesToScan(
  root: string,
  folders: string[],
  extensions = /\.(md|mdx|ts|tsx|mts|js|json|ya?ml|sh)$/,
): string[] {
  return folders.flatMap((folder) => {
    const absolute = path.join(root, folder);
    if (!fs.existsSync(absolute)) return [];
    return fs
      .readdirSync(absolute, {recursive: true, encoding: 'utf8'})
      .filter((entry) => extensions.test(entry) && fs.statSync(path.join(absolute, entry)).isFile())
      .map((entry) => path.join(folder, entry))
      .sort();
  });
}
