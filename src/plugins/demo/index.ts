/**
 * Docusaurus plugin behind /demo: one presentable walkthrough per runbook (/demo/<id>) and one of
 * the golden path (/demo/golden-path), one step per screen, with the recorded output of each
 * step. The recording is the last real run's transcript from verification/ when there is one,
 * else a run on the simulated toolchain made at build time, and each slide says which. Steps and
 * commands come from the runbooks plugin's plans, so a demo shows what the runbook runs.
 */
import type {LoadContext, Plugin} from '@docusaurus/types';
import {slidesOf, type DemoDeck, type DemoSlide} from '../../demo/deck';
import {chapterDeck, GOLDEN_PATH} from '../../demo/golden-path';
import {realRecording, simulatedRecording, type Recording} from '../../demo/recording';
import {EVIDENCE_DIR} from '../../living-docs/evidence';
import type {RunbookView} from '../../contract/page-data';
import {inDependencyOrder, loadRunbooks} from '../../runbook/registry';
import {PLUGIN_NAME as RUNBOOKS_PLUGIN} from '../runbooks/constants';

export const DEMO_ROUTE = '/demo';

export interface DemoContent {
  recordings: Recording[];
  /** Speaker notes by runbook and step id (the plans do not carry them). */
  notes: Record<string, Record<string, string>>;
}

/** What the index page lists. */
export interface DemoSummary {
  id: string;
  title: string;
  summary: string;
  steps: number;
  path: string;
  recordedBy: string[];
}

export async function loadDemoContent(siteDir: string, evidenceDir: string): Promise<DemoContent> {
  const entries = await loadRunbooks(siteDir);
  const recordings: Recording[] = [];
  const notes: DemoContent['notes'] = {};
  for (const [id, {runbook}] of entries) {
    const prerequisites = inDependencyOrder(entries, [id]).slice(0, -1);
    recordings.push(
      realRecording(siteDir, id, evidenceDir) ?? (await simulatedRecording(runbook, prerequisites, siteDir)),
    );
    notes[id] = Object.fromEntries(runbook.steps.flatMap((step) => (step.note ? [[step.id, step.note]] : [])));
  }
  return {recordings, notes};
}

export function buildDecks(content: DemoContent, views: RunbookView[]): DemoDeck[] {
  const slides = new Map<string, DemoSlide[]>();
  for (const view of views) {
    const recording = content.recordings.find((candidate) => candidate.runbook === view.id);
    const sources = view.steps.map((step) => ({runbook: view.id, step, note: content.notes[view.id]?.[step.id]}));
    slides.set(view.id, slidesOf(sources, recording));
  }
  const slidesOfRunbook = (id: string) => {
    const found = slides.get(id);
    if (!found) throw new Error(`Demo ${GOLDEN_PATH.id}: no runbook ${id}`);
    return found;
  };
  return [
    chapterDeck(GOLDEN_PATH, GOLDEN_PATH.chapters, slidesOfRunbook),
    ...views.map(
      (view): DemoDeck => ({
        id: view.id,
        title: view.title,
        summary: view.summary,
        chapters: [],
        slides: slides.get(view.id)!,
      }),
    ),
  ];
}

export interface PluginOptions {
  /** Where the evidence is read from; tests point it at planted evidence. */
  evidenceDir?: string;
}

export default function demoPlugin(context: LoadContext, options: unknown): Plugin<DemoContent> {
  const evidenceDir = (options as PluginOptions | undefined)?.evidenceDir ?? EVIDENCE_DIR;
  return {
    name: 'demo',
    getPathsToWatch: () => ['runbooks/**', `${evidenceDir}/**`].map((glob) => `${context.siteDir}/${glob}`),
    loadContent: () => loadDemoContent(context.siteDir, evidenceDir),
    // The steps and commands are the runbooks plugin's plans: known once every plugin has loaded.
    async allContentLoaded({allContent, actions}) {
      const content = allContent.demo?.default as DemoContent;
      const views = allContent[RUNBOOKS_PLUGIN]?.default as RunbookView[] | undefined;
      if (!views) throw new Error(`The demo plugin needs the "${RUNBOOKS_PLUGIN}" plugin for the runbooks' plans`);
      const decks = buildDecks(content, views);
      for (const deck of decks) {
        actions.addRoute({
          path: `${DEMO_ROUTE}/${deck.id}`,
          component: '@site/src/plugins/demo/components/DemoPage',
          modules: {deck: await actions.createData(`${deck.id}.json`, JSON.stringify(deck))},
          exact: true,
        });
      }
      const summaries: DemoSummary[] = decks.map((deck) => ({
        id: deck.id,
        title: deck.title,
        summary: deck.summary,
        steps: deck.slides.length,
        path: `${DEMO_ROUTE}/${deck.id}`,
        recordedBy: [...new Set(deck.slides.flatMap((slide) => (slide.recording ? [slide.recording.label] : [])))],
      }));
      actions.addRoute({
        path: DEMO_ROUTE,
        component: '@site/src/plugins/demo/components/DemoIndex',
        modules: {demos: await actions.createData('index.json', JSON.stringify(summaries))},
        exact: true,
      });
    },
  };
}
