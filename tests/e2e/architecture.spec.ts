/**
 * The Architecture section in the browser: every embedded likec4 view renders its nodes without
 * console errors or accessibility violations, and only pages with a diagram load likec4's code.
 */
import AxeBuilder from '@axe-core/playwright';
import {expect, test, type Browser} from '@playwright/test';
import {revealDiagrams} from './support/page-checks';

/** Each page, the views it embeds, and one element title each view must show. */
const PAGES: {url: string; views: Record<string, string>}[] = [
  {url: '/docs/architecture', views: {index: 'EDF platform', bootstrapping: 'Velero'}},
  {url: '/docs/architecture/platform', views: {platform: 'ArgoCD', pathRouting: 'ingress-nginx'}},
  {url: '/docs/architecture/golden-path', views: {goldenPath: 'Backstage'}},
  {url: '/docs/architecture/deployment', views: {localdev: 'Keycloak', otcPlanned: 'Forgejo'}},
];

/** Marker only likec4's diagram bundle contains (the React Flow renderer it draws with). */
const DIAGRAM_CODE_MARKER = 'react-flow__renderer';

for (const {url, views} of PAGES) {
  test(`${url} renders ${Object.keys(views).join(' and ')}`, async ({page}) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await expect(page.locator('h1')).toHaveCount(1);
    await revealDiagrams(page);

    for (const [view, title] of Object.entries(views)) {
      const figure = page.getByTestId(`likec4-${view}`);
      const nodes = figure.locator('.react-flow__node');
      await expect(nodes.first()).toBeVisible();
      expect(await nodes.count(), view).toBeGreaterThan(2);
      await expect(nodes.filter({hasText: title}).first(), `${view} shows ${title}`).toBeVisible();
      await expect(figure.locator('figcaption')).toContainText(`view ${view}`);
    }

    const axe = await new AxeBuilder({page})
      .include('[data-testid^="likec4-"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(
      axe.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
  });
}

/**
 * Every JavaScript file a page requests (scripts and prefetches), in a fresh browser context, with
 * its diagrams scrolled into view.
 */
async function javascriptRequested(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.js')) requested.push(request.url());
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await revealDiagrams(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  return requested;
}

test('only pages that show a diagram load the diagram code', async ({browser, request}) => {
  const architecturePage = await javascriptRequested(browser, '/docs/architecture/golden-path');
  const diagramCode: string[] = [];
  for (const script of architecturePage) {
    if ((await (await request.get(script)).text()).includes(DIAGRAM_CODE_MARKER)) diagramCode.push(script);
  }
  expect(diagramCode, 'the architecture page loads likec4').not.toEqual([]);

  for (const plain of ['/docs/glossary', '/adr', '/']) {
    const scripts = await javascriptRequested(browser, plain);
    expect(scripts.length, plain).toBeGreaterThan(0);
    expect(
      scripts.filter((script) => diagramCode.includes(script)),
      `${plain} must not load likec4`,
    ).toEqual([]);
  }
});
