/**
 * The handbook on a phone (390 px, an iPhone 12 to 15): no page scrolls sideways (wide tables and
 * code scroll inside their own box), and the navbar title is not covered by the search box.
 */
import {expect, test, type Page} from '@playwright/test';
import {revealDiagrams} from './support/page-checks';
import {sitePaths} from './support/site';

const PHONE = {width: 390, height: 844};

test.use({viewport: PHONE});

/**
 * How far the page is wider than the window and, when it is, the elements that reach past its
 * right edge outside any scroll box (or positioned out of one), so a failure says what to fix.
 */
async function sidewaysOverflow(page: Page): Promise<{overflow: number; culprits?: string[]}> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    if (overflow <= 0) return {overflow};
    const inScrollBox = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const {position} = getComputedStyle(element);
        return (
          element.getBoundingClientRect().right > root.clientWidth + 1 &&
          position !== 'fixed' &&
          (position === 'absolute' || !inScrollBox(element))
        );
      })
      .slice(0, 3)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${element.textContent?.trim().slice(0, 30)}"`,
      );
    return {overflow, culprits};
  });
}

// The sitemap leaves out the not-found page, which a reader meets after a mistyped link.
for (const path of [...sitePaths(), '/no-such-page']) {
  test(`${path} does not scroll sideways at 390 px`, async ({page}) => {
    await page.goto(path, {waitUntil: 'networkidle'});
    // Diagrams are drawn after load, as the reader scrolls to them; the page must also fit once they are there.
    await revealDiagrams(page);
    const diagrams = page.locator('.docusaurus-mermaid-container svg, [data-testid^="likec4-"] .react-flow__node');
    if (await page.locator('[data-testid^="likec4-"]').count()) await expect(diagrams.first()).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual({overflow: 0});
  });
}

test('the navbar title is whole and not covered by the search box at 390 px', async ({page}) => {
  await page.goto('/docs/runbooks/bootstrap');
  const title = page.locator('.navbar__inner .navbar__title');
  await expect(title).toHaveText('EDF Living Docs');
  const [titleBox, searchBox] = [await title.boundingBox(), await page.locator('.navbar__search-input').boundingBox()];
  expect(titleBox!.x + titleBox!.width, 'the title ends before the search box starts').toBeLessThanOrEqual(
    searchBox!.x,
  );
  // Not cut off with an ellipsis either.
  expect(await title.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});
