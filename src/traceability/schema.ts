/**
 * The traceability data (traceability/capabilities.yaml) as a schema: portfolio requirements,
 * the PoC capabilities serving them, and per capability the use cases with their links. The
 * schema checks shape and id formats only; whether a link points at something that exists is the
 * gate's job (check.ts), which can name the broken link in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseDocument} from 'yaml';
import * as z from 'zod';

export const TRACEABILITY_FILE = 'traceability/capabilities.yaml';

const text = z.string().trim().min(1);

/** The handbook's own words, verbatim, and where in the handbook they stand. */
const handbookQuote = z.strictObject({
  quote: text,
  source: text,
  /** Our English rendering of a quote in German. */
  translation: text.optional(),
});

const proof = z.strictObject({
  runbook: text,
  /** The steps that prove the use case; without them the whole runbook does. */
  steps: z.array(text).min(1).optional(),
});

const useCase = z.strictObject({
  id: z.string().regex(/^UC-\d+$/, 'a use case id is UC-<number>'),
  title: text,
  summary: text,
  /** What the runbooks do not prove of what the title promises. */
  notProven: text.optional(),
  handbook: handbookQuote.optional(),
  // Empty lists are the gate's to report ("names no runbook"), with the use case's id.
  provenBy: z.array(proof).default([]),
  /** Repository paths of the handbook pages that explain it, e.g. docs/runbooks/bootstrap.mdx. */
  pages: z.array(z.string().regex(/^docs\/.+\.mdx?$/, 'a page is a path like docs/runbooks/bootstrap.mdx')).default([]),
  adrs: z.array(z.string().regex(/^ADR-\d{4}$/, 'an ADR is cited as ADR-<four digits>')).default([]),
  /** Element ids of the likec4 model (architecture-c4/), model or deployment. */
  c4: z.array(text).default([]),
});

const capability = z.strictObject({
  id: z.string().regex(/^CAP-\d+$/, 'a capability id is CAP-<number>'),
  title: text,
  summary: text,
  handbook: handbookQuote.optional(),
  /** Portfolio requirements (e.1 ...) the capability serves. */
  requirements: z.array(text).default([]),
  useCases: z.array(useCase).default([]),
});

const requirement = z.strictObject({
  id: z.string().regex(/^e\.\d+$/, 'a portfolio requirement id is e.<number>'),
  title: text,
  handbook: handbookQuote,
});

/** A row of the README's table "Goals and where they live". */
const goal = z.strictObject({goal: text, content: text});

const traceability = z.strictObject({
  requirements: z.array(requirement),
  capabilities: z.array(capability),
  goals: z.array(goal),
});

export type Traceability = z.infer<typeof traceability>;
export type Capability = Traceability['capabilities'][number];
export type UseCase = Capability['useCases'][number];
export type Proof = UseCase['provenBy'][number];
export type HandbookQuote = z.infer<typeof handbookQuote>;

/** The data in `source` (YAML), or an error naming the file, the field and what is wrong with it. */
export function parseTraceability(source: string, file: string): Traceability {
  const document = parseDocument(source, {prettyErrors: true});
  if (document.errors.length)
    throw new Error(`${file} is not valid YAML:\n${document.errors.map((error) => error.message).join('\n')}`);
  const result = traceability.safeParse(document.toJS());
  if (!result.success)
    throw new Error(`${file} does not match the traceability schema:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function readTraceability(siteDir: string, file = TRACEABILITY_FILE): Traceability {
  const absolute = path.resolve(siteDir, file);
  return parseTraceability(fs.readFileSync(absolute, 'utf8'), path.relative(siteDir, absolute));
}

export function allUseCases(data: Traceability): UseCase[] {
  return data.capabilities.flatMap((entry) => entry.useCases);
}
