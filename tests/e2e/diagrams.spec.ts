/**
 * Diagrams on a first load: every mermaid diagram draws when the browser prefers the dark scheme
 * before the page loads (not toggled afterwards, see src/theme/Mermaid), and a likec4 view opens
 * full screen, where it can be zoomed, on a phone too.
 */
import {expect, test} from '@playwright/test';
import {expectMermaidRendered, recordErrors, revealDiagrams} from './support/page-checks';
import {mermaidDiagramsByPath} from './support/site';

test.describe('mermaid, first load with a dark colour scheme', () => {
  test.use({colorScheme: 'dark'});

  for (const [path, count] of mermaidDiagramsByPath()) {
    test(`${path}: all ${count} diagram(s) draw`, async ({page}) => {
      const errors = recordErrors(page);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expectMermaidRendered(page, count);
      expect(errors).toEqual([]);
    });
  }
});

test.describe('likec4 full screen', () => {
  test.use({viewport: {width: 390, height: 844}});

  test('a view opens over the whole window with zoom controls and closes with Escape', async ({page}) => {
    await page.goto('/docs/architecture');
    await revealDiagrams(page);
    const figure = page.getByTestId('likec4-index');
    await expect(figure.locator('.react-flow__node').first()).toBeVisible();
    await figure.getByRole('button', {name: 'Full screen'}).click();
    const dialog = page.getByRole('dialog', {name: /full screen/});
    await expect(dialog.locator('.react-flow__node').first()).toBeVisible();
    expect(await dialog.boundingBox()).toEqual({x: 0, y: 0, width: 390, height: 844});
    await expect(dialog.locator('.react-flow__controls')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(figure.getByRole('button', {name: 'Full screen'})).toBeFocused();
  });
});
