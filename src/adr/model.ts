/**
 * The shape of an architecture decision record (MADR 4) as this project keeps them:
 * `adr/NNNN-kebab-title.md`, YAML front matter for the lifecycle, Markdown sections for the argument.
 */

export const ADR_STATUSES = ['proposed', 'rejected', 'accepted', 'deprecated', 'superseded'] as const;
export type AdrStatus = (typeof ADR_STATUSES)[number];

/** The `##` sections every record has, in MADR 4 order; Consequences and Confirmation sit under Decision Outcome. */
export const REQUIRED_SECTIONS = [
  'Context and Problem Statement',
  'Decision Drivers',
  'Considered Options',
  'Decision Outcome',
  'Pros and Cons of the Options',
  'More Information',
] as const;
export const REQUIRED_OUTCOME_SUBSECTIONS = ['Consequences', 'Confirmation'] as const;

/** `0007-kanban-with-spikes.md`: four digits, then a lower-case kebab slug. */
export const RECORD_FILE_PATTERN = /^(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** A real calendar day written YYYY-MM-DD: 2024-02-30 has the shape, and Date.parse rolls it over to March. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * A Markdown link or image in a title. The title is also the page's <title> and its link text in
 * the index, where Markdown shows as typed, and a broken target fails only the site build, minutes
 * later: links belong in the record's text.
 */
export const TITLE_LINK = /!?\[[^\]]*\]\([^)]*\)/;

/** Files in adr/ that are not records: the published index and anything Docusaurus ignores (`_template.md`). */
export function isRecordCandidate(fileName: string): boolean {
  return /\.mdx?$/.test(fileName) && !/^index\.mdx?$/.test(fileName) && !fileName.startsWith('_');
}

export interface AdrRecord {
  number: number;
  /** File name inside adr/, e.g. `0001-cnoe-idpbuilder-platform-orchestrator.md`. */
  file: string;
  title: string;
  status: AdrStatus;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  decisionMakers: string[];
  consulted: string[];
  informed: string[];
  supersededBy?: number;
  supersedes: number[];
}

/** One thing wrong with the records or with a page citing them, pointing at the file to fix. */
export interface AdrIssue {
  file: string;
  message: string;
}

export function formatAdrNumber(number: number): string {
  return String(number).padStart(4, '0');
}

export function adrLabel(number: number): string {
  return `ADR-${formatAdrNumber(number)}`;
}

export function formatIssue(issue: AdrIssue): string {
  return `${issue.file}: ${issue.message}`;
}
