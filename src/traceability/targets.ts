/**
 * Everything a traceability link may point at, read from the repository: the runbooks with their
 * steps and declared use cases, the handbook pages, the decision records and the C4 elements.
 * The gate (check.ts) and the matrix (matrix.ts) both read this one picture.
 */
import path from 'node:path';
import type {AdrRecord} from '../adr/model';
import {readRecords} from '../adr/store';
import {docPages, type DocPage} from '../living-docs/docs-scan';
import {loadRunbooks} from '../runbook/registry';
import {architectureViewPages, readC4Elements, type C4Element} from './c4-elements';

export interface RunbookTarget {
  /** The use-case ids the runbook declares (`useCases` in runbooks/<id>.ts). */
  useCases: string[];
  steps: string[];
  /** Tear-down steps: they exist, but no run verifies them. */
  down: string[];
}

export interface LinkTargets {
  runbooks: Map<string, RunbookTarget>;
  /** Handbook pages by repository path (docs/...). */
  pages: Map<string, DocPage>;
  adrs: Map<number, AdrRecord>;
  c4: Map<string, C4Element>;
  /** View id -> repository path of the page that embeds it. */
  viewPages: Map<string, string>;
}

export const ADR_DIR = 'adr';

export async function readLinkTargets(siteDir: string): Promise<LinkTargets> {
  const runbooks = new Map<string, RunbookTarget>();
  for (const [id, {runbook}] of await loadRunbooks(siteDir)) {
    runbooks.set(id, {
      useCases: runbook.useCases,
      steps: runbook.steps.map((step) => step.id),
      down: runbook.down.map((step) => step.id),
    });
  }
  const pages = docPages(siteDir);
  return {
    runbooks,
    pages: new Map(pages.map((page) => [page.file, page])),
    adrs: new Map(readRecords(path.join(siteDir, ADR_DIR)).records.map((record) => [record.number, record])),
    c4: await readC4Elements(siteDir),
    viewPages: architectureViewPages(pages),
  };
}

/** `ADR-0004` -> 4. */
export function adrNumber(citation: string): number {
  return Number(citation.slice('ADR-'.length));
}
