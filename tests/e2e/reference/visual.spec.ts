/**
 * The reviewed look of a runbook page: the bootstrap runbook as rendered at desktop width and on a
 * phone, compared with the screenshots next to this file (visual.spec.ts-snapshots/). README.md
 * here says how to review a difference and take new ones when a change to the page is intended.
 */
import {expect, test} from '@playwright/test';

/** Windows tall enough for the whole runbook: a capture that scrolls paints the fixed navbar into it. */
const WIDTHS = {desktop: {width: 1280, height: 6000}, phone: {width: 390, height: 8000}};

for (const [name, viewport] of Object.entries(WIDTHS)) {
  test.describe(name, () => {
    test.use({viewport, colorScheme: 'light'});

    test(`the bootstrap runbook at ${viewport.width} px looks as reviewed`, async ({page}) => {
      await page.goto('/docs/runbooks/bootstrap', {waitUntil: 'networkidle'});
      await page.evaluate(() => document.fonts.ready);
      await expect(page.locator('[data-runbook="bootstrap"]')).toHaveScreenshot(`bootstrap-runbook-${name}.png`, {
        animations: 'disabled',
        caret: 'hide',
        // Anti-aliasing differs slightly between Chromium builds; a layout change moves far more.
        maxDiffPixelRatio: 0.01,
      });
    });
  });
}
