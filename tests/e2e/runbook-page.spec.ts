/**
 * Runbook pages as a reader uses them: copy buttons copy exactly the command (a heredoc whole and
 * flush left, a generated secret as a command that generates it), labels say what a command does,
 * repeated checks and waits read as one block and one sentence, the prerequisites table keeps tool
 * names whole and links its URLs, and the page's table of contents lists the runbook's headings.
 * Expected commands come from the plan data the build rendered the page from.
 */
import fs from 'node:fs';
import path from 'node:path';
import {expect, test, type Locator, type Page} from '@playwright/test';
import {pasteable} from '../../src/components/Runbook/secrets';
import type {RunbookView} from '../../src/contract/page-data';
import {ROOT} from './support/site';

function planData(id: string): RunbookView {
  const file = path.join(ROOT, '.docusaurus/runbooks/default', `${id}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the build first (npm run build)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunbookView;
}

const PAGES: Record<string, string> = {
  bootstrap: '/docs/runbooks/bootstrap',
  'cnoe-showtime': '/docs/platform-101/cnoe-showtime',
  'velero-backup': '/docs/bootstrapping/velero-backup',
  'forgejo-install': '/docs/bootstrapping/forgejo',
};

/** Records what the page hands to the clipboard API (the copy button writes through it). */
async function recordClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as {copied: string[]}).copied = copied;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {writeText: async (text: string) => void copied.push(text)},
    });
  });
}

async function copy(page: Page, block: Locator): Promise<string> {
  await block.hover();
  await block.getByRole('button', {name: /copy code/i}).click();
  return page.evaluate(() => (window as unknown as {copied: string[]}).copied.at(-1) ?? '');
}

test.describe('copy buttons', () => {
  test.beforeEach(async ({page}) => recordClipboard(page));

  test('a heredoc is copied whole, flush left, exactly as planned', async ({page}) => {
    const [command] = planData('bootstrap')
      .steps.find((step) => step.id === 'create-cluster')!
      .commands.filter((candidate) => candidate.input !== undefined);
    await page.goto(PAGES.bootstrap!);
    const copied = await copy(
      page,
      page.locator('[data-step="create-cluster"] [data-phase="action"] .theme-code-block').first(),
    );
    expect(copied).toBe(command!.display);
    expect(copied.split('\n').at(-1), 'the heredoc closes on a line of its own').toBe('EOF');
  });

  test('seven checks that differ in one name are one block, and copy as seven exact commands', async ({page}) => {
    const step = planData('cnoe-showtime').steps.find((candidate) => candidate.id === 'ref-implementation-healthy')!;
    await page.goto(PAGES['cnoe-showtime']!);
    const blocks = page.locator('[data-step="ref-implementation-healthy"] [data-effect]');
    await expect(blocks).toHaveCount(1);
    await expect(blocks.first()).toContainText(`for each of these ${step.commands.length}`);
    expect(await copy(page, blocks.first().locator('.theme-code-block'))).toBe(
      step.commands.map((command) => command.display).join('\n'),
    );
    // The waits of the step are one sentence with every application in it.
    const waits = page.locator('[data-step="ref-implementation-healthy"] [data-testid="waits"] p').first();
    await expect(waits).toContainText(`for these ${step.waits.length} applications to be Synced and Healthy`);
    for (const wait of step.waits) await expect(waits).toContainText(wait.what.split(' ')[1]!);
  });

  test('a generated secret is shown and copied as a command that generates it, never as [REDACTED]', async ({page}) => {
    const command = planData('velero-backup')
      .steps.flatMap((step) => step.commands)
      .find((candidate) => candidate.input?.includes('rootPassword'))!;
    await page.goto(PAGES['velero-backup']!);
    const runbook = page.locator('[data-runbook="velero-backup"]');
    await expect(runbook.locator('pre').first()).toBeVisible();
    expect((await runbook.locator('pre').allTextContents()).filter((text) => text.includes('[REDACTED]'))).toEqual([]);
    const block = runbook.locator('[data-effect]', {hasText: 'rootPassword'}).first();
    await expect(block.getByTestId('generated-secret')).toContainText('openssl rand');
    const copied = await copy(page, block.locator('.theme-code-block'));
    expect(copied).toBe(pasteable(command).text);
    expect(copied).toContain('rootPassword: "$(openssl rand -hex 16)"');
  });
});

test.describe('secrets read from variables', () => {
  test.beforeEach(async ({page}) => recordClipboard(page));

  test('a variable a command reads is set right before it, copied as the export line, and a created token is kept', async ({
    page,
  }) => {
    const commands = planData('forgejo-install').steps.flatMap((step) => step.commands);
    const password = commands.flatMap((command) => command.env ?? []).find((v) => v.variable === 'FORGEJO_PASSWORD')!;
    await page.goto(PAGES['forgejo-install']!);
    const step = page.locator('[data-step="api-token"]');
    const sets = step.locator('[data-effect]').nth(1);
    await expect(sets).toHaveAttribute('data-effect', 'sets');
    await expect(sets).toContainText('$FORGEJO_PASSWORD');
    expect(await copy(page, sets.locator('.theme-code-block'))).toBe(`export FORGEJO_PASSWORD="$(${password.from})"`);
    await expect(step.locator('[data-effect="changes"]').first()).toContainText('$FORGEJO_PASSWORD');
    await expect(step.getByTestId('kept-variable')).toContainText('sha1');
    await expect(step.getByTestId('kept-variable')).toContainText('$FORGEJO_TOKEN');
  });
});

test('labels say what a command does: a read-only kubectl get in an action reads', async ({page}) => {
  await page.goto(PAGES['cnoe-showtime']!);
  const push = page.locator('[data-step="golden-path-push"] [data-effect]');
  await expect(push.first()).toHaveAttribute('data-phase', 'action');
  await expect(push.first()).toHaveAttribute('data-effect', 'reads');
  await expect(push.first().locator('span').first()).toHaveText(/^Reads/);
  await expect(page.locator('[data-step="golden-path-push"] [data-effect="changes"]').first()).toContainText('git');
});

test('the prerequisites table keeps tool names on one line and links its URLs', async ({page}) => {
  await page.setViewportSize({width: 390, height: 844});
  await page.goto(PAGES['cnoe-showtime']!);
  const table = page.getByTestId('runbook-tools');
  await expect(table.locator('tbody th code').first()).toBeVisible();
  // An inline element broken over two lines has two boxes.
  const lines = await table
    .locator('tbody th code')
    .evaluateAll((names) => names.map((name) => `${name.textContent}: ${name.getClientRects().length}`));
  expect(lines).toEqual(planData('cnoe-showtime').tools.map((tool) => `${tool.name}: 1`));
  await expect(table.getByRole('link', {name: 'https://docs.docker.com/engine/install/'})).toHaveAttribute(
    'href',
    'https://docs.docker.com/engine/install/',
  );
  await expect(table.locator('tbody tr', {hasText: 'idpbuilder'}).locator('td code')).toContainText('curl -fsSL');
});

test('"When it is done" shows its commands as code', async ({page}) => {
  await page.goto(PAGES.bootstrap!);
  await expect(
    page.locator('#bootstrap-next + ul code', {hasText: 'kubectl --context kind-localdev get pods -A'}),
  ).toHaveCount(1);
});

for (const [id, url] of Object.entries(PAGES)) {
  test(`${url}: the table of contents lists the runbook's sections and steps, and each entry has its heading`, async ({
    page,
  }) => {
    const data = planData(id);
    await page.goto(url);
    const toc = page.locator('.theme-doc-toc-desktop');
    for (const title of ['Before you start', 'Run it', 'Steps', ...data.steps.map((step) => step.title)]) {
      await expect(toc.getByRole('link', {name: title, exact: true}).first(), title).toBeVisible();
    }
    for (const href of await toc.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
      await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`), href).toHaveCount(1);
    }
  });
}
