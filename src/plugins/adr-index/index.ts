/**
 * Docusaurus plugin behind /adr: reads and checks the decision records (the same code as
 * `npm run adr` and the unit tests, so there is one source of truth), fails the build when the
 * log is inconsistent or a page cites a superseded record as current, and publishes a small
 * index that the index page and the status badge on every record render.
 *
 * The badge comes from a wrapper around the docs theme's DocItem/Content (see ./theme), so
 * records stay plain Markdown and cannot forget it.
 */
import path from 'node:path';
import type {LoadedContent as DocsContent} from '@docusaurus/plugin-content-docs';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {CITING_FOLDERS} from '../../adr/cli';
import {formatIssue, type AdrRecord} from '../../adr/model';
import {checkDecisions} from '../../adr/store';
import {PLUGIN_NAME, type AdrIndexData, type AdrIndexEntry} from './data';

export interface PluginOptions {
  /** Records folder relative to the site, and the id of the docs plugin instance publishing it. */
  adrDir?: string;
  docsPluginId?: string;
}

export default function adrIndexPlugin(context: LoadContext, options: unknown): Plugin<AdrRecord[]> {
  const {adrDir = 'adr', docsPluginId = 'adr'} = (options ?? {}) as PluginOptions;
  return {
    name: PLUGIN_NAME,
    getThemePath: () => path.join(__dirname, 'theme'),
    getPathsToWatch: () => [adrDir, ...CITING_FOLDERS].map((folder) => path.join(context.siteDir, folder, '**/*')),
    async loadContent() {
      const {records, issues} = checkDecisions({root: context.siteDir, adrDir, citing: CITING_FOLDERS});
      if (issues.length)
        throw new Error(
          `The architecture decision records are inconsistent:\n${issues.map(formatIssue).join('\n')}\nRun "npm run adr -- check" after fixing them.`,
        );
      return records;
    },
    // Permalinks are known only once the docs plugin has loaded the records, hence allContentLoaded.
    async allContentLoaded({allContent, actions}) {
      const records = allContent[PLUGIN_NAME]?.default as AdrRecord[];
      const docs =
        (
          allContent['docusaurus-plugin-content-docs']?.[docsPluginId] as DocsContent | undefined
        )?.loadedVersions.flatMap((version) => version.docs) ?? [];
      const entries: AdrIndexEntry[] = records.map((record) => {
        const doc = docs.find((candidate) => candidate.source === `@site/${adrDir}/${record.file}`);
        if (!doc) throw new Error(`The docs plugin "${docsPluginId}" did not publish ${adrDir}/${record.file}`);
        return {
          number: record.number,
          title: record.title,
          status: record.status,
          date: record.date,
          permalink: doc.permalink,
          supersededBy: record.supersededBy,
          supersedes: record.supersedes,
        };
      });
      const data: AdrIndexData = {records: entries};
      actions.setGlobalData(data);
    },
  };
}
