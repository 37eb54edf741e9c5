/**
 * Runbook-backed pages in the browser: the production build (no evidence: UNVERIFIED) and a
 * build made from planted evidence (bootstrap VERIFIED with a transcript, the rest OUTDATED).
 */
import {expect, test, type Page} from '@playwright/test';
import {PLANTED_SITE} from '../../playwright.config';

const BOOTSTRAP = '/docs/runbooks/bootstrap';

/** URLs of the scripts a page loads, after it settled. */
async function scriptsLoaded(page: Page, url: string): Promise<string[]> {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return scripts;
}

test.describe('production build (no evidence yet)', () => {
  test('the bootstrap page shows its steps, exact commands and UNVERIFIED statuses', async ({page}) => {
    await page.goto(BOOTSTRAP);
    const runbook = page.locator('[data-runbook="bootstrap"]');
    await expect(runbook.locator('[data-step]')).toHaveCount(5); // four steps and one tear-down step
    await expect(runbook.locator('[data-step] h3').first()).toHaveText('Create the kind cluster localdev');
    const action = runbook.locator('[data-step="create-cluster"] [data-phase="action"] pre');
    await expect(action).toContainText("kind create cluster --name localdev --config - <<'EOF'");
    await expect(action).toContainText('hostPort: 8443');
    await expect(runbook.locator('[data-status]').first()).toHaveAttribute('data-status', 'UNVERIFIED');
    await expect(runbook.locator('[data-status="VERIFIED"]')).toHaveCount(0);
    await expect(page.getByTestId('transcript-player')).toHaveCount(0);
  });

  test('without a transcript the player code is never loaded', async ({page}) => {
    const scripts = await scriptsLoaded(page, BOOTSTRAP);
    expect(scripts.some((url) => url.includes('asciinema-player'))).toBe(false);
  });
});

test.describe('build with planted evidence', () => {
  test.use({baseURL: PLANTED_SITE});

  test('bootstrap shows VERIFIED with date, versions and duration, per runbook and per step', async ({page}) => {
    await page.goto(BOOTSTRAP);
    const runbook = page.locator('[data-runbook="bootstrap"]');
    const badge = runbook.locator('[data-status]').first();
    await expect(badge).toHaveAttribute('data-status', 'VERIFIED');
    await expect(badge).toContainText(/\d{4}-\d{2}-\d{2}/);
    await expect(badge).toContainText('kind 0.30.0');
    await expect(badge).toContainText('Kubernetes v1.34.0');
    for (const step of ['create-cluster', 'kube-context', 'nodes-ready', 'system-pods-running']) {
      await expect(runbook.locator(`[data-step="${step}"] [data-status]`)).toHaveAttribute('data-status', 'VERIFIED');
    }
  });

  test('the transcript plays on the page that has one, loaded lazily', async ({page}) => {
    const scripts = await scriptsLoaded(page, BOOTSTRAP);
    expect(scripts.some((url) => url.includes('asciinema-player'))).toBe(true);
    const player = page.getByTestId('transcript-player');
    await expect(player.locator('.ap-wrapper, .ap-player').first()).toBeVisible();
  });

  test('pages without a transcript load no player code', async ({page}) => {
    for (const url of ['/docs/glossary', '/docs/verification', '/']) {
      const scripts = await scriptsLoaded(page, url);
      expect(
        scripts.filter((script) => script.includes('asciinema-player')),
        url,
      ).toEqual([]);
    }
  });

  test('the verification page lists every runbook with its status', async ({page}) => {
    await page.goto('/docs/verification');
    const rows = page.getByTestId('verification-table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const statuses = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-runbook'),
        tr.querySelector('[data-status]')?.getAttribute('data-status'),
      ]),
    );
    for (const [id, status] of statuses) expect(status, id ?? '').toBe(id === 'bootstrap' ? 'VERIFIED' : 'OUTDATED');
  });
});
