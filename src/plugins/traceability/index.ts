/**
 * Docusaurus plugin behind /traceability: it reads the traceability data, fails the build with the
 * gate's messages when a link is broken (the same check as `npm test`), and once every plugin has
 * loaded, joins the data with the runbooks plugin's statuses and the docs plugins' permalinks into
 * the matrix page. Runbook, handbook and decision pages read the use cases they serve from its
 * global data; a wrapper around the docs theme's DocItem/Footer (./theme) shows them on the pages
 * and records, so no page has to remember to.
 */
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import type {RunbookView} from '../../contract/page-data';
import {checkTraceability, formatProblems} from '../../traceability/check';
import {buildMatrix} from '../../traceability/matrix';
import {elementStatuses} from '../../traceability/overlay';
import {pageUseCases} from '../../traceability/page-links';
import {publishedPages} from '../published-pages';
import {readTraceability, TRACEABILITY_FILE, type Traceability} from '../../traceability/schema';
import {ADR_DIR, readLinkTargets, type LinkTargets} from '../../traceability/targets';
import {PLUGIN_NAME as RUNBOOKS_PLUGIN} from '../runbooks/constants';
import {MATRIX_ROUTE, PLUGIN_NAME, type TraceabilityGlobalData} from './data';

export interface PluginOptions {
  /** The data file, relative to the site; tests point it at broken copies. */
  dataFile?: string;
}

export interface TraceabilityContent {
  data: Traceability;
  targets: LinkTargets;
}

/** The data, checked; throws the gate's message when a link is broken. */
export async function loadTraceability(siteDir: string, dataFile = TRACEABILITY_FILE): Promise<TraceabilityContent> {
  const data = readTraceability(siteDir, dataFile);
  const targets = await readLinkTargets(siteDir);
  const problems = checkTraceability(data, targets);
  if (problems.length) throw new Error(formatProblems(problems));
  return {data, targets};
}

export default function traceabilityPlugin(context: LoadContext, options: unknown): Plugin<TraceabilityContent> {
  const {dataFile = TRACEABILITY_FILE} = (options ?? {}) as PluginOptions;
  return {
    name: PLUGIN_NAME,
    getThemePath: () => path.join(__dirname, 'theme'),
    getPathsToWatch: () => [path.resolve(context.siteDir, dataFile)],
    loadContent: () => loadTraceability(context.siteDir, dataFile),
    // Statuses come from the runbooks plugin and permalinks from the docs plugins: known only now.
    async allContentLoaded({allContent, actions}) {
      const content = allContent[PLUGIN_NAME]?.default as TraceabilityContent;
      const {data, targets} = content;
      const runbooks = allContent[RUNBOOKS_PLUGIN]?.default as RunbookView[] | undefined;
      if (!runbooks)
        throw new Error(`The traceability plugin needs the "${RUNBOOKS_PLUGIN}" plugin for the runbooks' statuses`);
      const published = publishedPages(allContent);
      const matrix = buildMatrix(data, runbooks, targets, published);
      actions.addRoute({
        path: MATRIX_ROUTE,
        component: '@site/src/plugins/traceability/components/TraceabilityPage',
        modules: {matrix: await actions.createData('matrix.json', JSON.stringify(matrix))},
        exact: true,
      });
      const globalData: TraceabilityGlobalData = {
        route: MATRIX_ROUTE,
        useCases: matrix.capabilities.flatMap((entry) =>
          entry.useCases.map(({id, title, status}) => ({id, title, status})),
        ),
        elements: elementStatuses(matrix.capabilities, targets),
        pages: Object.fromEntries(
          [...pageUseCases(data, runbooks, targets)].map(([file, useCases]) => [
            published.get(file)!.permalink,
            {useCases, decision: file.startsWith(`${ADR_DIR}/`)},
          ]),
        ),
      };
      actions.setGlobalData(globalData);
    },
  };
}
