/** Checks shared by the site specs: console errors, accessibility, rendered mermaid diagrams. */
import AxeBuilder from '@axe-core/playwright';
import {expect, type Page} from '@playwright/test';
import {revealDiagrams} from '../../../scripts/bench/page-js';

export {revealDiagrams};

/** Starts recording console errors and uncaught exceptions; read the array after the page settled. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** WCAG 2 A and AA violations of the whole page: one line per offending element, with axe's reason. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({page}).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${node.target.join(' ')}: ${node.any[0]?.message ?? node.failureSummary ?? ''}`,
    ),
  );
}

export const MERMAID_SVG = '.docusaurus-mermaid-container svg';

/**
 * Waits until `count` mermaid diagrams are drawn as SVG with content (they render in the browser
 * only, when a reader scrolls them into view).
 */
export async function expectMermaidRendered(page: Page, count: number): Promise<void> {
  await revealDiagrams(page);
  const diagrams = page.locator(MERMAID_SVG);
  await expect(diagrams).toHaveCount(count);
  for (let index = 0; index < count; index++) {
    const diagram = diagrams.nth(index);
    await expect(diagram).toBeVisible();
    // A parse error renders an SVG too (mermaid's error picture); a real diagram has drawn shapes with text.
    await expect(diagram).not.toHaveAttribute('aria-roledescription', 'error');
    expect((await diagram.textContent())?.trim().length, `diagram ${index + 1} has text`).toBeGreaterThan(0);
  }
}

/**
 * Picks a colour mode with the navbar toggle (system → light → dark → system), the way a reader does.
 * A first load with a dark system preference is checked on its own in diagrams.spec.ts (it used to
 * leave a mermaid diagram empty, see src/theme/Mermaid).
 */
export async function chooseColorMode(page: Page, mode: 'light' | 'dark'): Promise<void> {
  const toggle = page.getByRole('button', {name: /switch between dark and light mode/i});
  for (let clicks = 0; clicks < 3; clicks++) {
    if (new RegExp(`currently ${mode} mode`).test((await toggle.getAttribute('aria-label')) ?? '')) break;
    await toggle.click();
  }
  await expect(toggle).toHaveAccessibleName(new RegExp(`currently ${mode} mode`));
  await expect(page.locator('html')).toHaveAttribute('data-theme', mode);
}
