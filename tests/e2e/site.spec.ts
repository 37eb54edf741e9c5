/**
 * The handbook in the browser, against the production build: every page in the sitemap loads with
 * one h1, no console error and no WCAG 2 A/AA violation; mermaid diagrams render (and stay
 * accessible in the dark theme); search finds idpbuilder; the theme toggle works; the home page
 * sends each audience somewhere that exists.
 */
import {expect, test} from '@playwright/test';
import {axeViolations, chooseColorMode, expectMermaidRendered, recordErrors} from './support/page-checks';
import {mermaidDiagramsByPath, sitePaths} from './support/site';

const PATHS = sitePaths();
const MERMAID = mermaidDiagramsByPath();

test.describe('every page of the build', () => {
  for (const path of PATHS) {
    test(`${path}: one h1, no console error, no axe violation`, async ({page}) => {
      const errors = recordErrors(page);
      await page.goto(path, {waitUntil: 'networkidle'});
      await expect(page.locator('h1')).toHaveCount(1);
      // Check contrast on the drawn diagrams too, not on their empty placeholders.
      const diagrams = MERMAID.get(path);
      if (diagrams) await expectMermaidRendered(page, diagrams);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('the sitemap covers the handbook sections and the decision log', () => {
    for (const section of [
      '/',
      '/docs',
      '/docs/platform-101/cnoe-showtime',
      '/docs/bootstrapping/velero-backup',
      '/docs/plan-2024/cloud-sizing',
      '/docs/glossary',
      '/adr',
    ]) {
      expect(PATHS).toContain(section);
    }
  });
});

test.describe('mermaid diagrams in the dark theme', () => {
  test('the handbook has diagrams to check', () => {
    expect(MERMAID.size).toBeGreaterThanOrEqual(10);
  });

  for (const [path, count] of MERMAID) {
    test(`${path}: ${count} diagram(s) render as SVG without axe violations`, async ({page}) => {
      const errors = recordErrors(page);
      await page.goto(path);
      await expectMermaidRendered(page, count);
      await chooseColorMode(page, 'dark');
      await expectMermaidRendered(page, count);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('the home page has no axe violation in the dark theme', async ({page}) => {
    await page.goto('/');
    await chooseColorMode(page, 'dark');
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('search finds idpbuilder and a hit leads to a page about it', async ({page}) => {
  await page.goto('/docs');
  const box = page.getByRole('combobox', {name: 'Search'}).or(page.locator('input.navbar__search-input')).first();
  await box.fill('idpbuilder');
  const hits = page.getByRole('option');
  await expect(hits.first()).toBeVisible();
  expect(await hits.count()).toBeGreaterThan(1);
  await hits.first().click();
  await expect(page).not.toHaveURL(/\/docs$/);
  await expect(page.locator('article')).toContainText('idpbuilder');
});

test('the theme toggle cycles system, light and dark, and switches data-theme', async ({page}) => {
  await page.goto('/docs');
  const html = page.locator('html');
  const toggle = page.getByRole('button', {name: /switch between dark and light mode/i});
  // The browser prefers light, and respectPrefersColorScheme starts the toggle at "system".
  await expect(toggle).toHaveAccessibleName(/currently system mode/);
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/currently light mode/);
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/currently dark mode/);
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/currently system mode/);
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test.describe('home page', () => {
  const AUDIENCES: Record<string, string[]> = {
    newcomer: ['/docs', '/docs/platform-101/introduction'],
    'platform-engineer': ['/docs/runbooks'],
    stakeholder: ['/docs/stakeholder-workshop', '/docs/platform-101/cnoe-showtime'],
    decisions: ['/adr'],
  };

  test('sends every audience to pages that exist', async ({page}) => {
    await page.goto('/');
    await expect(page.locator('h1')).toHaveText('EDF Living Docs');
    for (const [audience, targets] of Object.entries(AUDIENCES)) {
      const card = page.locator(`[data-audience="${audience}"]`);
      await expect(card.getByRole('heading', {level: 2})).toBeVisible();
      for (const target of targets) {
        await expect(card.locator(`a[href="${target}"]`), `${audience} → ${target}`).toHaveCount(1);
        expect(PATHS, `${target} is a page of the build`).toContain(target);
      }
    }
    await expect(page.locator('[data-audience="platform-engineer"] code')).toHaveText('npm run runbook -- bootstrap');
  });

  test('its start link opens the Start here page', async ({page}) => {
    await page.goto('/');
    await page.locator('[data-audience="newcomer"]').getByRole('link', {name: 'Start here'}).click();
    await expect(page).toHaveURL(/\/docs$/);
    await expect(page.locator('h1')).toHaveText('Start here');
  });
});
