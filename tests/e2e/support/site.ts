/**
 * What the production build contains, read from disk so that tests cover every page without a
 * hand-kept list: the paths in build/sitemap.xml and the mermaid diagrams each handbook page holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import {docPages} from '../../../src/living-docs/docs-scan';

export const ROOT = path.resolve(__dirname, '../../..');

/** Every path of the production build, from its sitemap (docs, /adr, the home and search pages). */
export function sitePaths(buildDir = path.join(ROOT, 'build')): string[] {
  const sitemap = path.join(buildDir, 'sitemap.xml');
  if (!fs.existsSync(sitemap)) throw new Error(`${sitemap} is missing: run the build first (npm run build)`);
  const locations = [...fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1]!).pathname,
  );
  if (locations.length === 0) throw new Error(`${sitemap} lists no pages`);
  return [...new Set(locations)].sort();
}

/** Permalink → number of ```mermaid blocks, for every handbook page that has at least one. */
export function mermaidDiagramsByPath(): Map<string, number> {
  const diagrams = new Map<string, number>();
  for (const page of docPages(ROOT)) {
    const count = page.text.match(/^```mermaid\s*$/gm)?.length ?? 0;
    if (count > 0) diagrams.set(page.permalink, count);
  }
  return diagrams;
}
