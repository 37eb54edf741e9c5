/**
 * The JavaScript a page actually loads, read from the browser's network log while it loads (not
 * from its script tags: chunks a component imports on demand count too), and which of the
 * optional features' code among it. Shared by `npm run bench` and the page-weight browser test.
 */
import {gzipSync} from 'node:zlib';
import type {Page} from '@playwright/test';
import type {Feature} from './budgets';

export interface LoadedScript {
  url: string;
  bytes: number;
  gzipBytes: number;
  features: Feature[];
}

export interface PageJs {
  scripts: LoadedScript[];
  bytes: number;
  gzipBytes: number;
  /** Features whose code (or data) the page loaded. */
  features: Feature[];
}

/**
 * Strings found only in each library's own code, never in the glue that mentions it (the site
 * config in `main` names mermaid and likec4). The page-weight test checks each marker is found on
 * the page that uses the feature, so a library upgrade that drops one is noticed.
 */
const CODE_MARKERS: [Feature, string][] = [
  ['mermaid', 'mermaidAPI'],
  ['likec4 diagrams', '@likec4'],
  ['transcript player', 'ap-player'],
  // lunr, the search engine of @easyops-cn/docusaurus-search-local
  ['search index', 'tokenizer.separator'],
];
const SEARCH_INDEX = /\/search-index[^/]*\.json$/;

function featuresOf(body: string): Feature[] {
  return CODE_MARKERS.filter(([, marker]) => body.includes(marker)).map(([feature]) => feature);
}

/**
 * Diagrams are drawn when a reader scrolls them into view (src/components/WhenInView): scrolls to
 * each placeholder in turn, as a reader would, until none is left.
 */
export async function revealDiagrams(page: Page, limitMs = 60_000): Promise<void> {
  const pending = page.locator('[data-diagram="pending"]');
  const deadline = Date.now() + limitMs;
  while ((await pending.count()) > 0) {
    if (Date.now() > deadline)
      throw new Error(
        `${page.url()}: a diagram was still not drawn ${limitMs / 1000} s after it was scrolled into view`,
      );
    // Before hydration nothing watches the placeholder yet: scroll again until it turns.
    await pending
      .first()
      .scrollIntoViewIfNeeded({timeout: 5_000})
      .catch(() => undefined);
    await page.waitForTimeout(100);
  }
}

/**
 * Loads `url` in `page` and waits until it has drawn `drawn` (when given; the reader scrolls to
 * it) and the network is idle, then sums what it loaded.
 */
export async function measurePageJs(page: Page, url: string, drawn?: string): Promise<PageJs> {
  const pending: Promise<LoadedScript | undefined>[] = [];
  let searchIndex = false;
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (SEARCH_INDEX.test(new URL(response.url()).pathname)) searchIndex = true;
    if (type !== 'script' || !response.ok()) return;
    pending.push(
      response.body().then(
        (body) => ({
          url: new URL(response.url()).pathname,
          bytes: body.length,
          // gzip -9, as a server that precompresses its assets sends them
          gzipBytes: gzipSync(body, {level: 9}).length,
          features: featuresOf(body.toString('utf8')),
        }),
        () => undefined,
      ),
    );
  });
  await page.goto(url, {waitUntil: 'load'});
  // Diagram code is imported only once React has hydrated the page and a reader scrolled to the
  // diagram, which can come after the network first fell idle: wait for the diagram itself.
  if (drawn) {
    await revealDiagrams(page);
    await page.locator(drawn).first().waitFor({timeout: 60_000});
  }
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(pending)).filter((script): script is LoadedScript => script !== undefined);
  const features = new Set(scripts.flatMap((script) => script.features));
  if (searchIndex) features.add('search index');
  return {
    scripts,
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    features: [...features],
  };
}
