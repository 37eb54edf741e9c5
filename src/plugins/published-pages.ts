/**
 * What the docs plugins published, for plugins that link to pages: known once every plugin has
 * loaded (`allContentLoaded`), from the docs plugins' own content, so nobody re-derives a URL.
 */
import type {LoadedContent as DocsContent} from '@docusaurus/plugin-content-docs';
import type {AllContent} from '@docusaurus/types';
import type {Published} from '../traceability/matrix';

/** Repository path (docs/..., adr/...) -> title and URL, for every page of every docs plugin instance. */
export function publishedPages(allContent: AllContent): Map<string, Published> {
  const published = new Map<string, Published>();
  for (const instance of Object.values(allContent['docusaurus-plugin-content-docs'] ?? {})) {
    for (const doc of (instance as DocsContent).loadedVersions.flatMap((version) => version.docs)) {
      published.set(doc.source.replace(/^@site\//, ''), {title: doc.title, permalink: doc.permalink});
    }
  }
  return published;
}
