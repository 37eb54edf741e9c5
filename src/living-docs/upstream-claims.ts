/**
 * Every claim a page makes about upstream ("since 2024", "now", "today") names its source, so a
 * reader can check it and a maintainer can see which revision it was true for.
 *
 * The rule, applied to the top-level blocks of a page (parsed with remark and GFM; front matter
 * ignored):
 *
 * 1. A block is a CLAIM when
 *    a. it is a table whose header has a "then" column (/then|2024/) and a "now" column
 *       (/now|today|current/), wherever it stands; or
 *    b. it is a table or a list in a CLAIM SECTION: below a heading that matches
 *       /since 2024|changed upstream|what changed/, up to the next heading of the same or a higher
 *       level; or
 *    c. its text has an UPSTREAM CLAIM PHRASE: "since 2024", "today's", "upstream … now / today /
 *       changed / renamed / removed / dropped / added / since / never / always / still", or
 *       "now / today … upstream" (within one sentence); or a change pinned to a release:
 *       "since v0.9.0", "since kind v0.24.0", "removed / deprecated / renamed / dropped / added /
 *       replaced … in chart v14".
 * 2. A claim is SOURCED when
 *    a. it contains a footnote reference whose definition CITES; or
 *    b. it contains, or one of the two blocks after it (before the next heading) is, a SOURCE LINE:
 *       a paragraph starting with "Source:" or "Sources:" (bold or not) that CITES.
 * 3. A text CITES when it has a URL (a documentation page) or a repository `owner/name` together
 *    with a version, tag or commit (`v1.2.3`, `@v1`, a 7-40 digit hex commit).
 *
 * A list counts as one block: a Source line below the list covers all its items.
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {visit} from 'unist-util-visit';
import {toString} from 'mdast-util-to-string';
import type {FootnoteDefinition, Heading, Root, RootContent, Table} from 'mdast';

export interface UnsourcedClaim {
  file: string;
  line: number;
  /** What kind of claim: "then/now table", "table in a claim section", … */
  kind: string;
  excerpt: string;
}

const CLAIM_HEADING = /\b(since 2024|changed upstream|what changed)\b/i;
const THEN_COLUMN = /\b(then|2024)\b/i;
const NOW_COLUMN = /\b(now|today|current)\b/i;
const CLAIM_PHRASES = [
  /\bsince 2024\b/i,
  /\btoday's\b/i,
  /\bupstream\b[^.;:]*\b(now|today|changed|renamed|removed|dropped|added)\b/i,
  /\b(now|today)\b[^.;:]*\bupstream\b/i,
  // Upstream's history stated as a fact: "upstream never used that name", "upstream has had it since".
  /\bupstream\b[^.;:]*\b(since|never|always|still)\b/i,
  // A release named as the moment something changed is a claim about upstream's history.
  /\bsince (?:[\w-]+ )?v?\d+\.\d+/i,
  /\b(removed|deprecated|renamed|dropped|added|replaced)\b[^.;:]*\b(in|since) (?:[\w-]+ )?v\d+/i,
];
const SOURCE_LINE = /^\s*sources?\s*:/i;
const URL = /https?:\/\/\S+/;
const REPOSITORY = /\b[\w.-]+\/[\w.-]+\b/;
const REVISION = /(\bv\d+(\.\d+)*\b|@v?\d|\b[0-9a-f]{7,40}\b)/;
/** How many blocks after a claim its Source line may stand. */
const SOURCE_DISTANCE = 2;

export function cites(text: string): boolean {
  return URL.test(text) || (REPOSITORY.test(text) && REVISION.test(text));
}

/** Front matter is replaced by blank lines, so line numbers stay those of the file. */
function withoutFrontMatter(markdown: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(markdown);
  return match ? match[0].replace(/[^\n]/g, '') + markdown.slice(match[0].length) : markdown;
}

function headerCells(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => toString(cell));
}

function isThenNowTable(block: RootContent): boolean {
  if (block.type !== 'table') return false;
  const header = headerCells(block);
  return header.some((cell) => THEN_COLUMN.test(cell)) && header.some((cell) => NOW_COLUMN.test(cell));
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

function hasClaimPhrase(block: RootContent): boolean {
  return sentences(toString(block)).some((sentence) => CLAIM_PHRASES.some((phrase) => phrase.test(sentence)));
}

function claimKind(block: RootContent, inClaimSection: boolean): string | undefined {
  if (isThenNowTable(block)) return 'then/now table';
  if (inClaimSection && (block.type === 'table' || block.type === 'list'))
    return `${block.type} in a "what changed upstream" section`;
  if (block.type !== 'heading' && block.type !== 'code' && block.type !== 'footnoteDefinition' && hasClaimPhrase(block))
    return 'upstream claim';
  return undefined;
}

function isSourceLine(block: RootContent): boolean {
  return block.type === 'paragraph' && SOURCE_LINE.test(toString(block)) && cites(toString(block));
}

function containsSourceLine(block: RootContent): boolean {
  let found = false;
  visit(block, 'paragraph', (paragraph) => {
    if (isSourceLine(paragraph)) found = true;
  });
  return found;
}

function citingFootnotes(tree: Root): Set<string> {
  const citing = new Set<string>();
  visit(tree, 'footnoteDefinition', (definition: FootnoteDefinition) => {
    if (cites(toString(definition))) citing.add(definition.identifier);
  });
  return citing;
}

function hasCitingFootnote(block: RootContent, citing: Set<string>): boolean {
  let found = false;
  visit(block, 'footnoteReference', (reference) => {
    if (citing.has(reference.identifier)) found = true;
  });
  return found;
}

function sourcedNearby(blocks: RootContent[], index: number): boolean {
  for (let next = index + 1; next <= index + SOURCE_DISTANCE && next < blocks.length; next++) {
    const block = blocks[next]!;
    if (block.type === 'heading') return false;
    if (isSourceLine(block)) return true;
  }
  return false;
}

export function unsourcedClaims(file: string, markdown: string): UnsourcedClaim[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(withoutFrontMatter(markdown)) as Root;
  const citing = citingFootnotes(tree);
  const blocks = tree.children;
  const findings: UnsourcedClaim[] = [];
  let claimSectionDepth: number | undefined;
  blocks.forEach((block, index) => {
    if (block.type === 'heading') {
      const heading = block as Heading;
      if (claimSectionDepth !== undefined && heading.depth <= claimSectionDepth) claimSectionDepth = undefined;
      if (CLAIM_HEADING.test(toString(heading))) claimSectionDepth = heading.depth;
      return;
    }
    const kind = claimKind(block, claimSectionDepth !== undefined);
    if (!kind || isSourceLine(block)) return;
    if (hasCitingFootnote(block, citing) || containsSourceLine(block) || sourcedNearby(blocks, index)) return;
    const text = block.type === 'table' ? headerCells(block).join(' | ') : toString(block);
    const excerpt = text.replace(/\s+/g, ' ').slice(0, 100);
    findings.push({file, line: block.position?.start.line ?? 0, kind, excerpt});
  });
  return findings;
}

export function formatFinding(finding: UnsourcedClaim): string {
  return `${finding.file}:${finding.line}: ${finding.kind} without a source (add a "Source:" line or a footnote naming the repository and version or the documentation page): ${finding.excerpt}`;
}
