/**
 * Reads and rewrites the YAML front matter of a record without touching its body, so the CLI can
 * change a status or add a supersede link and leave the author's prose and key order alone.
 */
import {isSeq, parseDocument, type Document} from 'yaml';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export interface SplitRecord {
  /** Parsed front matter; `null` when the file has none. */
  document: Document | null;
  body: string;
}

export function splitFrontMatter(text: string): SplitRecord {
  const match = FRONT_MATTER.exec(text);
  if (!match) return {document: null, body: text};
  return {document: parseDocument(match[1] ?? ''), body: text.slice(match[0].length)};
}

/** The front matter as plain data; YAML errors become an Error naming the first problem. */
export function frontMatterData(document: Document): Record<string, unknown> {
  const [error] = document.errors;
  if (error) throw new Error(`invalid YAML front matter: ${error.message}`);
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter must be a YAML mapping');
  return data as Record<string, unknown>;
}

/**
 * Returns the file text with `changes` applied to its front matter (new keys go last). Lists are
 * written inline (`[3, 6]`), the way the records write them.
 */
export function updateFrontMatter(text: string, changes: Record<string, unknown>): string {
  const {document, body} = splitFrontMatter(text);
  if (!document) throw new Error('the file has no front matter to update');
  for (const [key, value] of Object.entries(changes)) {
    const node = document.createNode(value);
    if (isSeq(node)) node.flow = true;
    document.set(key, node);
  }
  return `---\n${document.toString({lineWidth: 0, flowCollectionPadding: false}).trimEnd()}\n---\n${body}`;
}
