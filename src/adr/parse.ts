/**
 * Turns one record file into an `AdrRecord`, checking its name, front matter schema and MADR
 * sections. Problems are returned, not thrown, so one run reports everything that is wrong.
 */
import {frontMatterData, splitFrontMatter} from './frontmatter';
import {
  ADR_STATUSES,
  isCalendarDate,
  RECORD_FILE_PATTERN,
  REQUIRED_OUTCOME_SUBSECTIONS,
  REQUIRED_SECTIONS,
  TITLE_LINK,
  type AdrIssue,
  type AdrRecord,
  type AdrStatus,
} from './model';

/** Keys MADR defines plus the Docusaurus keys a record may reasonably carry; anything else is a typo. */
const KNOWN_KEYS = new Set([
  'status',
  'date',
  'decision-makers',
  'consulted',
  'informed',
  'superseded-by',
  'supersedes',
  'description',
  'tags',
  'keywords',
  'sidebar_label',
]);

export interface ParseResult {
  record?: AdrRecord;
  issues: AdrIssue[];
}

export function parseRecord(file: string, text: string): ParseResult {
  const issues: AdrIssue[] = [];
  const problem = (message: string) => issues.push({file, message});

  const name = RECORD_FILE_PATTERN.exec(file);
  if (!name) problem('file name must be NNNN-kebab-title.md (four digits, lower-case words joined by "-")');

  const {document, body} = splitFrontMatter(text);
  if (!document) {
    problem('missing YAML front matter (--- status, date, decision-makers, consulted, informed ---)');
    return {issues};
  }
  let data: Record<string, unknown>;
  try {
    data = frontMatterData(document);
  } catch (error) {
    problem((error as Error).message);
    return {issues};
  }

  for (const key of Object.keys(data)) if (!KNOWN_KEYS.has(key)) problem(`unknown front matter key "${key}"`);

  const status = data.status;
  if (!ADR_STATUSES.includes(status as AdrStatus))
    problem(`status must be one of ${ADR_STATUSES.join(', ')} (found ${JSON.stringify(status)})`);

  // The yaml package reads YAML 1.2, so an unquoted 2024-08-28 stays a string.
  const date = data.date;
  if (typeof date !== 'string' || !isCalendarDate(date))
    problem(`date must be a date written YYYY-MM-DD (found ${JSON.stringify(date)})`);

  const decisionMakers = stringList(data['decision-makers'], 'decision-makers', problem);
  if (Array.isArray(data['decision-makers']) && data['decision-makers'].length === 0)
    problem('decision-makers must name at least one person or role');
  const consulted = stringList(data.consulted, 'consulted', problem);
  const informed = stringList(data.informed, 'informed', problem);

  const supersededBy = data['superseded-by'];
  if (supersededBy !== undefined && !isRecordNumber(supersededBy))
    problem(`superseded-by must be a record number (found ${JSON.stringify(supersededBy)})`);
  const supersedes = numberList(data.supersedes, problem);

  const title = /^# (.+)$/m.exec(body)?.[1]?.trim();
  if (!title) problem('missing the "# Title" heading');
  else if (TITLE_LINK.test(title))
    problem('the "# Title" heading holds a Markdown link; put links in the text instead');
  checkSections(body, problem);

  if (issues.length || !name || !title) return {issues};
  return {
    issues,
    record: {
      number: Number(name[1]),
      file,
      title,
      status: status as AdrStatus,
      date: date as string,
      decisionMakers,
      consulted,
      informed,
      supersededBy: supersededBy as number | undefined,
      supersedes,
    },
  };
}

function stringList(value: unknown, key: string, problem: (message: string) => void): string[] {
  if (value === undefined || value === null) {
    problem(
      key === 'decision-makers' ? 'decision-makers is missing' : `${key} is missing (use [] when nobody was ${key})`,
    );
    return [];
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    problem(`${key} must be a list of names`);
    return [];
  }
  return value as string[];
}

function numberList(value: unknown, problem: (message: string) => void): number[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isRecordNumber)) {
    problem(`supersedes must be a record number or a list of them (found ${JSON.stringify(value)})`);
    return [];
  }
  return list as number[];
}

function isRecordNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

interface Heading {
  level: number;
  text: string;
  /** Offsets of the heading line's start and of the text right after it. */
  start: number;
  end: number;
}

function checkSections(body: string, problem: (message: string) => void): void {
  const headings: Heading[] = [...body.matchAll(/^(#{1,6}) (.+?)[ \t]*$/gm)].map((match) => ({
    level: match[1]!.length,
    text: match[2]!,
    start: match.index,
    end: match.index + match[0].length,
  }));
  for (const section of REQUIRED_SECTIONS) {
    if (!headings.some((heading) => heading.level === 2 && heading.text === section))
      problem(`missing section "## ${section}"`);
  }
  const outcome = headings.findIndex((heading) => heading.level === 2 && heading.text === 'Decision Outcome');
  if (outcome < 0) return;
  for (const subsection of REQUIRED_OUTCOME_SUBSECTIONS) {
    const index = headings.findIndex(
      (heading, i) => i > outcome && heading.level <= 3 && (heading.level < 3 || heading.text === subsection),
    );
    const heading = headings[index];
    if (heading?.level !== 3) {
      problem(`missing "### ${subsection}" under "## Decision Outcome"`);
      continue;
    }
    // A subsection's text runs to the next heading of any level.
    const text = body.slice(heading.end, headings[index + 1]?.start);
    if (text.trim() === '')
      problem(
        `"### ${subsection}" is empty: say ${subsection === 'Confirmation' ? 'how compliance is checked' : 'what follows from the decision'}`,
      );
  }
}
