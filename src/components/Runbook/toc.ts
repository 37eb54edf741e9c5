/**
 * The headings a <Runbook> renders, for the page's table of contents. Docusaurus builds a page's
 * TOC from its Markdown headings at compile time; the remark plugin behind <Runbook> splices
 * `...runbookToc(data)` into that list where the component stands, and the component takes its
 * heading ids from the same functions, so the TOC cannot point at a heading that is not there.
 */
import type {RunbookView} from '@site/src/contract/page-data';

export interface TocItem {
  /** HTML, as Docusaurus keeps TOC entries. */
  value: string;
  id: string;
  level: number;
}

export type Section = 'before-you-start' | 'run-it' | 'steps' | 'next' | 'transcript' | 'tear-down';

export const SECTION_TITLE: Record<Section, string> = {
  'before-you-start': 'Before you start',
  'run-it': 'Run it',
  steps: 'Steps',
  next: 'When it is done',
  transcript: 'Transcript of the last run',
  'tear-down': 'Tear down',
};

export const sectionId = (runbook: string, section: Section) => `${runbook}-${section}`;
export const stepId = (runbook: string, step: string) => `${runbook}-${step}`;
export const downStepId = (runbook: string, step: string) => `${runbook}-down-${step}`;

export function runbookToc(view: RunbookView): TocItem[] {
  const section = (name: Section, level = 2): TocItem => ({
    value: escapeHtml(SECTION_TITLE[name]),
    id: sectionId(view.id, name),
    level,
  });
  return [
    section('before-you-start'),
    section('run-it'),
    section('steps'),
    ...view.steps.map((step) => ({value: escapeHtml(step.title), id: stepId(view.id, step.id), level: 3})),
    ...(view.next.length > 0 ? [section('next', 3)] : []),
    ...(view.hasTranscript ? [section('transcript')] : []),
    ...(view.down.length > 0
      ? [
          section('tear-down'),
          ...view.down.map((step) => ({value: escapeHtml(step.title), id: downStepId(view.id, step.id), level: 3})),
        ]
      : []),
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[char]!);
}
