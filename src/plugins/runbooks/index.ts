/**
 * Docusaurus plugin that makes runbook-backed pages: at build time it walks every runbook in plan
 * mode, joins the plan with the latest evidence from verification/, and publishes one data file
 * per runbook (embedded by <Runbook id="..." /> through the remark plugin) plus a small summary
 * for the verification page. It also runs the drift gate: a page that copies a runbook command
 * and gets it wrong fails the build.
 */
import type {LoadContext, OptionValidationContext, Plugin} from '@docusaurus/types';
import * as z from 'zod';
import {driftGate, findDrift, formatFinding} from '../../living-docs/drift';
import {docPages} from '../../living-docs/docs-scan';
import {EVIDENCE_DIR, readEvidence} from '../../living-docs/evidence';
import type {RunbooksGlobalData, RunbookView} from '../../contract/page-data';
import {buildRunbookView} from '../../living-docs/page-data';
import {planRunbook, type Plan} from '../../runbook/plan';
import {createSimWorld} from '../../runbook/sim';
import {inDependencyOrder, loadRunbooks, type RunbookEntry} from '../../runbook/registry';
import {publishedPages} from '../published-pages';
import {PLUGIN_NAME} from './constants';

/**
 * Plans by the source hashes of the runbook and of the runbooks it needs: a plan depends on
 * nothing else, so a long-lived process (the dev server, a second build in one process) walks
 * each runbook version once, however many pages or rebuilds ask for it.
 */
const plansBySource = new Map<string, Promise<Plan>>();

function planOnce(entries: Map<string, RunbookEntry>, id: string, siteDir: string): Promise<Plan> {
  const entry = entries.get(id)!;
  const prerequisites = inDependencyOrder(entries, [id]).slice(0, -1);
  const key = [siteDir, entry.sourceHash, ...prerequisites.map((runbook) => entries.get(runbook.id)!.sourceHash)].join(
    ' ',
  );
  let plan = plansBySource.get(key);
  if (!plan) {
    plan = planRunbook(
      {runbook: entry.runbook, sourceHash: entry.sourceHash, prerequisites, root: siteDir},
      createSimWorld(),
    );
    // A failed plan is not remembered: the next build tries again (and fails with the same message).
    plan.catch(() => plansBySource.delete(key));
    plansBySource.set(key, plan);
  }
  return plan;
}

export async function loadRunbookViews(
  siteDir: string,
  evidenceDir = EVIDENCE_DIR,
): Promise<{views: RunbookView[]; plans: Plan[]}> {
  const entries = await loadRunbooks(siteDir);
  const pages = docPages(siteDir);
  const plans: Plan[] = [];
  const views: RunbookView[] = [];
  for (const [id] of entries) {
    const plan = await planOnce(entries, id, siteDir);
    plans.push(plan);
    views.push(
      buildRunbookView(
        plan,
        readEvidence(siteDir, id, evidenceDir),
        pages.find((page) => page.embeds.includes(id))?.file,
      ),
    );
  }
  const gate = driftGate(plans);
  const findings = pages.flatMap((page) => findDrift(page.file, page.text, gate, page.embeds));
  if (findings.length) throw new Error(`Pages drifted from their runbooks:\n${findings.map(formatFinding).join('\n')}`);
  return {views, plans};
}

const OPTIONS = z.strictObject({
  /** Where the evidence is read from, relative to the site; tests point it at planted evidence. */
  evidenceDir: z.string().min(1).default(EVIDENCE_DIR),
  // The plugin instance's id: Docusaurus' own validator defaults it, which this one replaces.
  id: z.string().default('default'),
});

export type PluginOptions = z.output<typeof OPTIONS>;

/** Docusaurus calls this before the plugin: a wrong option fails the config load, naming the option. */
export function validateOptions({
  options,
}: OptionValidationContext<z.input<typeof OPTIONS> | undefined, PluginOptions>): PluginOptions {
  const parsed = OPTIONS.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new Error(`runbooks plugin: option ${issue!.path.join('.') || '(options)'}: ${issue!.message}`);
}

// Docusaurus types a plugin's options as unknown; they are what validateOptions returned.
export default function runbooksPlugin(context: LoadContext, options: unknown): Plugin<RunbookView[]> {
  const {evidenceDir} = options as PluginOptions;
  return {
    name: PLUGIN_NAME,
    getPathsToWatch: () =>
      ['runbooks/**', `${evidenceDir}/**`, 'src/runbook/**'].map((glob) => `${context.siteDir}/${glob}`),
    async loadContent() {
      return (await loadRunbookViews(context.siteDir, evidenceDir)).views;
    },
    // Page URLs come from the docs plugins, which are known only once every plugin has loaded.
    async allContentLoaded({allContent, actions}) {
      const published = publishedPages(allContent);
      const loaded = allContent[PLUGIN_NAME]?.default as RunbookView[];
      const views = loaded.map((view) => ({...view, permalink: view.page && published.get(view.page)?.permalink}));
      for (const view of views) await actions.createData(`${view.id}.json`, JSON.stringify(view));
      const data: RunbooksGlobalData = {
        runbooks: views.map(({id, title, status, lastRun, permalink, useCases, needs, steps}) => ({
          id,
          title,
          status,
          lastRun,
          permalink,
          useCases,
          needs,
          steps: steps.length,
        })),
      };
      actions.setGlobalData(data);
    },
    configureWebpack() {
      // Transcripts are emitted as files and fetched by the player only when a reader opens it.
      return {module: {rules: [{test: /\.cast$/, type: 'asset/resource'}]}};
    },
  };
}
