/**
 * The decision log in the browser: /adr lists every record in adr/ with its status, each record
 * shows its status header, and supersede links lead from the old record to its successor and back.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {expect, test, type Page} from '@playwright/test';
import {adrLabel} from '../../src/adr/model';
import {readRecords} from '../../src/adr/store';

const {records} = readRecords(path.resolve(__dirname, '../../adr'));

/**
 * WCAG 2 A/AA problems in the decision-log components. Link colours come from the site theme and
 * are checked on every page by the site-wide test, so contrast is checked here for the status
 * badges, the only colours these components set.
 */
async function accessibilityViolations(page: Page, component: string): Promise<string[]> {
  const structure = await new AxeBuilder({page})
    .include(component)
    .withTags(['wcag2a', 'wcag2aa'])
    .disableRules(['color-contrast'])
    .analyze();
  const badges = await new AxeBuilder({page})
    .include(`${component} [data-adr-status]`)
    .withRules(['color-contrast'])
    .analyze();
  return [...structure.violations, ...badges.violations].map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

test('/adr lists every record with number, title, status, date and successor', async ({page}) => {
  await page.goto('/adr');
  await expect(page.locator('h1')).toHaveText('Architecture decisions');
  const table = page.getByTestId('adr-index');
  await expect(table.locator('tbody tr')).toHaveCount(records.length);
  for (const record of records) {
    const row = table.locator(`tr[data-adr="${record.number}"]`);
    await expect(row.locator('td').nth(0)).toHaveText(adrLabel(record.number));
    await expect(row.getByRole('link', {name: record.title})).toBeVisible();
    await expect(row.locator('[data-adr-status]')).toHaveAttribute('data-adr-status', record.status);
    await expect(row.locator('time')).toHaveAttribute('datetime', record.date);
    if (record.supersededBy !== undefined)
      await expect(row.locator('td').nth(4)).toHaveText(adrLabel(record.supersededBy));
  }
  expect(await accessibilityViolations(page, '[data-testid="adr-index"]')).toEqual([]);
});

test('every record page shows its number and status above the title', async ({page}) => {
  for (const record of records) {
    await page.goto('/adr');
    await page.getByTestId('adr-index').getByRole('link', {name: record.title}).click();
    const header = page.locator(`[data-adr-record="${record.number}"]`);
    await expect(header).toContainText(adrLabel(record.number));
    await expect(header.locator('[data-adr-status]')).toHaveAttribute('data-adr-status', record.status);
    await expect(page.locator('h1')).toHaveText(record.title);
  }
});

test('a superseded record links to its successor, which links back', async ({page}) => {
  const old = records.find((record) => record.supersededBy !== undefined);
  test.skip(!old, 'no superseded record in adr/');
  const successor = records.find((record) => record.number === old!.supersededBy)!;

  await page.goto('/adr');
  await page.getByTestId('adr-index').getByRole('link', {name: old!.title}).click();
  const notice = page.locator(`[data-adr-record="${old!.number}"]`).getByRole('note');
  await expect(notice).toContainText('no longer in force');
  await notice.getByRole('link', {name: `${adrLabel(successor.number)}: ${successor.title}`}).click();

  await expect(page.locator('h1')).toHaveText(successor.title);
  const header = page.locator(`[data-adr-record="${successor.number}"]`);
  await expect(header).toContainText(`Supersedes ${adrLabel(old!.number)}`);
  await header.getByRole('link', {name: `${adrLabel(old!.number)}: ${old!.title}`}).click();
  await expect(page.locator('h1')).toHaveText(old!.title);
  expect(await accessibilityViolations(page, `[data-adr-record="${old!.number}"]`)).toEqual([]);
});

test('the record template is not published', async ({page, request}) => {
  await page.goto('/adr');
  await expect(page.locator('nav.menu')).not.toContainText('{{title}}');
  for (const url of ['/adr/template', '/adr/_template']) expect((await request.get(url)).status(), url).toBe(404);
});
