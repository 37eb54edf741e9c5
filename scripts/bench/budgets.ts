/**
 * The quality budgets the project holds (README, "Quality"), and the pages they are measured on.
 * `npm run bench` reports every figure against them; the browser tests gate the byte budgets
 * (tests/e2e/page-weight.spec.ts), which need no timing.
 */

export type PageType = 'home' | 'plain docs' | 'runbook' | 'architecture' | 'mermaid';

/** Code that only some pages need; it must load on those pages and nowhere else. */
export type Feature = 'mermaid' | 'likec4 diagrams' | 'search index' | 'transcript player';

export interface MeasuredPage {
  type: PageType;
  path: string;
  /** Features the page uses, so their code may load (and, in the gate, must). */
  uses: Feature[];
  /**
   * What shows once the page has drawn what it uses. Its diagrams' code is imported after
   * hydration, which on a busy machine comes well after the network first fell idle.
   */
  drawn?: string;
}

export const PAGES: MeasuredPage[] = [
  {type: 'home', path: '/', uses: []},
  {type: 'plain docs', path: '/docs/glossary', uses: []},
  {type: 'runbook', path: '/docs/runbooks/bootstrap', uses: []},
  {
    type: 'architecture',
    path: '/docs/architecture',
    uses: ['likec4 diagrams'],
    drawn: '[data-testid^="likec4-"] .react-flow__node',
  },
  {
    type: 'mermaid',
    path: '/docs/platform-101/introduction',
    uses: ['mermaid'],
    drawn: '.docusaurus-mermaid-container svg',
  },
];

const KB = 1024;

/**
 * Gzipped JS a page may load, per page type. The plain docs page's 200 KB is the issue's budget;
 * the others leave room for what the page shows (its diagrams' library) and no more.
 */
export const JS_GZIP_BUDGET: Record<PageType, number> = {
  home: 200 * KB,
  'plain docs': 200 * KB,
  runbook: 220 * KB,
  architecture: 1000 * KB,
  mermaid: 900 * KB,
};

export const LIGHTHOUSE_BUDGET = {mobilePerformance: 95, accessibility: 100, bestPractices: 100, seo: 100};

/** Cold production build of the whole site on an idle 2-core machine. */
export const COLD_BUILD_BUDGET_S = 30;

/** Where a page breaks a byte budget: over its JS budget, or loading code of a feature it does not use. */
export function pageWeightProblems(page: MeasuredPage, js: {gzipBytes: number; features: Feature[]}): string[] {
  const problems: string[] = [];
  const budget = JS_GZIP_BUDGET[page.type];
  if (js.gzipBytes > budget)
    problems.push(
      `${page.type} page ${page.path} loads ${(js.gzipBytes / KB).toFixed(0)} KB of gzipped JS, over its ${budget / KB} KB budget`,
    );
  for (const feature of js.features.filter((loaded) => !page.uses.includes(loaded)))
    problems.push(`${page.type} page ${page.path} loads ${feature} code it does not use`);
  return problems;
}
