/**
 * Page weight per page type, in bytes (never time), on the production build: the JavaScript each
 * kind of page loads (read from the browser's network log, gzipped) stays within its budget, and
 * diagram, mermaid and search code loads only on pages that use it (the transcript player is
 * checked the same way in runbooks.spec.ts). Budgets and pages: scripts/bench/budgets.ts, stated
 * in the README. A plain page that loads a 300 KB script more must break the budget.
 */
import {randomBytes} from 'node:crypto';
import {expect, test} from '@playwright/test';
import {PAGES, pageWeightProblems} from '../../scripts/bench/budgets';
import {measurePageJs, revealDiagrams} from '../../scripts/bench/page-js';

for (const measured of PAGES) {
  test(`${measured.type} page ${measured.path} keeps its JS budget and loads only the code it uses`, async ({page}) => {
    const js = await measurePageJs(page, measured.path, measured.drawn);
    expect(pageWeightProblems(measured, js)).toEqual([]);
    // The other way round: the code a page uses is recognised, so the check above can see it.
    expect(js.features.sort()).toEqual([...measured.uses].sort());
  });
}

test('the search index and search code load only when a reader searches', async ({page}) => {
  const glossary = PAGES.find((measured) => measured.type === 'plain docs')!;
  const js = await measurePageJs(page, glossary.path);
  expect(js.features).not.toContain('search index');
  const index = page.waitForResponse((response) => /\/search-index[^/]*\.json$/.test(new URL(response.url()).pathname));
  const box = page.getByRole('combobox', {name: 'Search'}).or(page.locator('input.navbar__search-input')).first();
  await box.click();
  await box.fill('idpbuilder');
  expect((await index).ok()).toBe(true);
});

test('a plain page that loads a 300 KB script more breaks its budget', async ({page}) => {
  const glossary = PAGES.find((measured) => measured.type === 'plain docs')!;
  // Random hex in a string literal: compresses to about half, as minified code roughly does.
  const planted = `window.planted = "${randomBytes(150 * 1024).toString('hex')}";`;
  await page.route('**/planted.js', (route) => route.fulfill({contentType: 'text/javascript', body: planted}));
  await page.route(`**${glossary.path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</head>', '<script src="/planted.js"></script></head>');
    await route.fulfill({response, body: html});
  });
  const js = await measurePageJs(page, glossary.path);
  expect(js.scripts.find((script) => script.url === '/planted.js')?.bytes).toBe(planted.length);
  expect(pageWeightProblems(glossary, js)).toEqual([
    expect.stringMatching(/^plain docs page \/docs\/glossary loads \d+ KB of gzipped JS, over its 200 KB budget$/),
  ]);
});

test.describe('on a phone', () => {
  test.use({viewport: {width: 412, height: 823}});

  test('a page whose diagrams are below the fold loads no diagram library until the reader scrolls to them', async ({
    page,
  }) => {
    const withMermaid = PAGES.find((measured) => measured.type === 'mermaid')!;
    const opened = await measurePageJs(page, withMermaid.path);
    await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
    await page.waitForLoadState('networkidle');
    expect(opened.features).toEqual([]);
    await expect(page.locator('[data-diagram="pending"]').first()).toBeAttached();

    await revealDiagrams(page);
    await expect(page.locator('.docusaurus-mermaid-container svg').first()).toBeVisible();
  });
});
