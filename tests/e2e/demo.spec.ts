/**
 * The demo pages (/demo, /demo/<runbook>, /demo/golden-path): presented with the keyboard alone,
 * presenter notes on `n` and on a button, printed as a handout, and free of axe violations. The
 * production build has no evidence, so every recording there is the simulated one, and says so;
 * in the build from planted evidence bootstrap has a real recording, named by its date and versions.
 */
import {expect, type Page, test} from '@playwright/test';
import {PLANTED_SITE} from '../../playwright.config';
import {axeViolations, recordErrors} from './support/page-checks';

const active = (page: Page) => page.locator('[data-testid=demo-slide][data-active=true]');

async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((label) => document.activeElement?.textContent?.trim() === label, name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('a runbook demo is presented with the keyboard alone', async ({page}) => {
  const errors = recordErrors(page);
  await page.goto('/demo/bootstrap');
  await expect(page.getByTestId('demo')).toHaveAttribute('data-keys', 'ready');
  await expect(page.locator('h1')).toHaveText('Demo: Bootstrap the localdev cluster');
  await expect(active(page).locator('h2')).toContainText('Step 1 of 4: Create the kind cluster localdev');
  await expect(active(page).getByTestId('demo-origin')).toHaveText('Recording: simulated, not a real cluster');
  await expect(active(page).getByTestId('demo-output')).toContainText('Set kubectl context to "kind-localdev"');
  await expect(page.getByTestId('demo-slide').filter({visible: true})).toHaveCount(1);

  await page.keyboard.press('ArrowRight');
  await expect(active(page).locator('h2')).toContainText('Step 2 of 4');
  await page.keyboard.press('Enter');
  await expect(active(page).locator('h2')).toContainText('Step 3 of 4');
  await page.keyboard.press(' ');
  await expect(active(page).locator('h2')).toContainText('Step 4 of 4');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('demo-position')).toHaveText('Step 3 of 4');

  // The buttons are reached with Tab, show where the focus is, and Enter presses them (once).
  await tabTo(page, 'Previous');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('demo-position')).toHaveText('Step 2 of 4');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('demo-position')).toHaveText('Step 1 of 4');
  await page.keyboard.press('End');
  await expect(page.getByTestId('demo-position')).toHaveText('Step 4 of 4');
  expect(errors).toEqual([]);
});

test('presenter notes toggle with n and with their button', async ({page}) => {
  await page.goto('/demo/bootstrap');
  await expect(page.getByTestId('demo')).toHaveAttribute('data-keys', 'ready');
  const notes = active(page).getByTestId('demo-notes');
  const button = page.getByRole('button', {name: 'Presenter notes (n)'});
  await expect(notes).toBeHidden();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('n');
  await expect(notes).toBeVisible();
  // The speaker note comes from the step's `note` in runbooks/bootstrap.ts, the pointer from its `expect`.
  await expect(notes).toContainText('one Docker container is a complete Kubernetes node');
  await expect(notes).toContainText('Point at: kind ends with "Set kubectl context to kind-localdev"');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await button.click();
  await expect(notes).toBeHidden();
});

test('printed, a demo is a handout: every step with its notes and origin, no controls', async ({page}) => {
  await page.goto('/demo/golden-path');
  await page.emulateMedia({media: 'print'});
  const slides = page.getByTestId('demo-slide');
  const count = await slides.count();
  expect(count).toBeGreaterThan(10);
  await expect(slides.filter({visible: true})).toHaveCount(count);
  await expect(page.getByTestId('demo-notes').filter({visible: true})).toHaveCount(count);
  for (const origin of await page.getByTestId('demo-origin').allTextContents())
    expect(origin).toBe('Recording: simulated, not a real cluster');
  await expect(page.getByRole('button', {name: 'Next'})).toBeHidden();
  await expect(page.locator('.navbar')).toBeHidden();
  await page.emulateMedia({media: 'screen'});
  await expect(slides.filter({visible: true})).toHaveCount(1);
});

test.describe('with a real recording of bootstrap (planted evidence)', () => {
  test.use({baseURL: PLANTED_SITE});
  const REAL =
    /^Recording: real run of \d{4}-\d{2}-\d{2} \(docker [\d.]+, kind [\d.]+, kubectl [\d.]+, Kubernetes v[\d.]+\)$/;

  test('each slide says whose recording it shows: the real run, or the simulated one where none exists', async ({
    page,
  }) => {
    await page.goto('/demo/bootstrap');
    const bootstrap = await page.getByTestId('demo-origin').allTextContents();
    expect(bootstrap).toHaveLength(4);
    for (const origin of bootstrap) expect(origin).toMatch(REAL);
    // The golden path takes each runbook's own recording: only bootstrap has a real one.
    await page.goto('/demo/golden-path');
    const origins = await page.getByTestId('demo-origin').allTextContents();
    expect(origins.slice(0, 4).filter((origin) => !REAL.test(origin))).toEqual([]);
    expect(origins.slice(4).length).toBeGreaterThan(10);
    expect(new Set(origins.slice(4))).toEqual(new Set(['Recording: simulated, not a real cluster']));
  });
});

test('the golden path runs from the cluster through GitOps to a restored backup', async ({page}) => {
  await page.goto('/demo/golden-path');
  await expect(page.getByTestId('demo')).toHaveAttribute('data-keys', 'ready');
  await expect(active(page).locator('p').first()).toHaveText('Bootstrap the cluster');
  const chapters = await page.locator('[data-testid=demo-slide] > p:first-child').allTextContents();
  expect([...new Set(chapters)]).toEqual([
    'Bootstrap the cluster',
    'Install the CNOE platform',
    'Deploy an application by GitOps',
    'Back up and restore with Velero',
  ]);
  await page.keyboard.press('End');
  await expect(active(page).locator('h2')).toContainText('the restored data is the data that was backed up');
});

test('the demos are listed at /demo, linked from the navbar', async ({page}) => {
  await page.goto('/');
  await page.locator('.navbar').getByRole('link', {name: 'Demos'}).click();
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByTestId('demo-list').getByRole('link')).toHaveCount(5);
  await page.getByRole('link', {name: /^The golden path/}).click();
  await expect(page.locator('h1')).toContainText('The golden path');
});

for (const path of ['/demo', '/demo/bootstrap', '/demo/golden-path']) {
  test(`no axe violation on ${path}, also with the notes shown`, async ({page}) => {
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
    if (path === '/demo') return;
    await expect(page.getByTestId('demo')).toHaveAttribute('data-keys', 'ready');
    await page.keyboard.press('n');
    await expect(active(page).getByTestId('demo-notes')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}
