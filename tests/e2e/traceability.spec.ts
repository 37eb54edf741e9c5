/**
 * The traceability matrix in the browser, on the build made from planted evidence (bootstrap has a
 * passing report of its current source, every other runbook one of an older source; see
 * tests/support/plant-evidence.ts): every capability and use case of the data is listed, and the
 * statuses and the coverage line follow the evidence.
 */
import path from 'node:path';
import {expect, test} from '@playwright/test';
import {PLANTED_SITE} from '../../playwright.config';
import {allUseCases, readTraceability} from '../../src/traceability/schema';
import {axeViolations, recordErrors, revealDiagrams} from './support/page-checks';

const DATA = readTraceability(path.resolve(__dirname, '../..'));
const USE_CASES = allUseCases(DATA);
/** What the planted evidence makes of a use case: only bootstrap's evidence is of the current source. */
const plantedStatus = (useCase: (typeof USE_CASES)[number]) =>
  useCase.provenBy.every((proof) => proof.runbook === 'bootstrap') ? 'VERIFIED' : 'OUTDATED';

test.use({baseURL: PLANTED_SITE});

test('the matrix lists every capability and use case with the status its evidence gives', async ({page}) => {
  const errors = recordErrors(page);
  await page.goto('/traceability', {waitUntil: 'networkidle'});
  await expect(page.locator('h1')).toHaveCount(1);
  const matrix = page.getByTestId('traceability-matrix');
  for (const capability of DATA.capabilities)
    await expect(matrix.locator(`[data-capability="${capability.id}"]`)).toHaveCount(1);
  for (const useCase of USE_CASES) {
    await expect(matrix.locator(`[data-use-case="${useCase.id}"] [data-status]`)).toHaveAttribute(
      'data-status',
      plantedStatus(useCase),
    );
  }
  const verified = USE_CASES.filter((useCase) => plantedStatus(useCase) === 'VERIFIED').length;
  expect(verified).toBeGreaterThan(0);
  await expect(page.getByTestId('traceability-coverage')).toContainText(
    `${verified} of ${USE_CASES.length} use cases are verified by real runs`,
  );
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a use case links to the runbook page that proves it, and the navbar leads to the matrix', async ({page}) => {
  await page.goto('/docs');
  await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Traceability'}).click();
  await expect(page).toHaveURL(/\/traceability$/);
  const section = page.locator('[data-use-case-section="UC-1"]');
  await expect(section.locator('[data-step="create-cluster"] [data-status]')).toHaveAttribute(
    'data-status',
    'VERIFIED',
  );
  await section.locator('[data-proof="bootstrap"] > a').click();
  await expect(page).toHaveURL(/\/docs\/runbooks\/bootstrap$/);
});

test('a runbook page links back to the use cases it proves, with their status', async ({page}) => {
  await page.goto('/docs/runbooks/bootstrap');
  const useCases = page.getByTestId('runbook-use-cases');
  await expect(useCases).toContainText('UC-1');
  await useCases.locator('[data-use-case="UC-1"] a').click();
  await expect(page).toHaveURL(/\/traceability#UC-1$/);
});

test('decision records and architecture pages link back to the use cases they serve', async ({page}) => {
  await page.goto('/adr/kind-for-local-clusters');
  const decision = page.getByTestId('page-use-cases');
  await expect(decision).toContainText('Use cases this decision serves');
  await expect(decision.locator('[data-use-case="UC-1"] [data-status]')).toHaveAttribute('data-status', 'VERIFIED');
  await page.goto('/docs/architecture/platform');
  const architecture = page.getByTestId('page-use-cases');
  await expect(architecture).toContainText('Use cases this page explains');
  await expect(architecture.locator('[data-use-case]')).toHaveCount(1);
  await expect(architecture.locator('[data-use-case="UC-2"] [data-status]')).toHaveAttribute('data-status', 'OUTDATED');
  await architecture.locator('[data-use-case="UC-2"] a').click();
  await expect(page).toHaveURL(/\/traceability#UC-2$/);
  // The runbook on its page lists the use cases it proves; the footer does not repeat them.
  await page.goto('/docs/runbooks/bootstrap');
  await expect(page.getByTestId('runbook-use-cases')).toContainText('UC-1');
  await expect(page.getByTestId('page-use-cases')).toHaveCount(0);
});

test('an architecture view outlines the elements use cases touch with their status', async ({page}) => {
  const errors = recordErrors(page);
  await page.goto('/docs/architecture/deployment');
  await revealDiagrams(page);
  const figure = page.getByTestId('likec4-localdev');
  const node = figure.locator('.react-flow__node[data-id="laptop.localdev"]');
  await expect(node).toBeVisible();
  const outline = () => node.evaluate((element) => getComputedStyle(element).outline);
  expect(await outline()).not.toContain('solid');
  const toggle = figure.getByRole('button', {name: 'Verification status'});
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // Only UC-1 (bootstrap, verified in the planted evidence) touches the cluster node.
  const listed = figure.getByTestId('element-status').locator('[data-element="laptop.localdev"]');
  await expect(listed.locator('[data-status]')).toHaveAttribute('data-status', 'VERIFIED');
  await expect(listed.getByRole('link', {name: 'UC-1'})).toHaveAttribute('href', '/traceability#UC-1');
  expect(await outline()).toContain('solid');
  expect(await outline()).toContain('rgb(15, 107, 47)');
  expect(await axeViolations(page)).toEqual([]);
  await toggle.click();
  await expect(figure.getByTestId('element-status')).toHaveCount(0);
  expect(await outline()).not.toContain('solid');
  expect(errors).toEqual([]);
});
