import {defineConfig} from '@playwright/test';

/** The production build, and a second build made from planted evidence (see `npm run build:planted`). */
export const SITE = 'http://127.0.0.1:3210';
export const PLANTED_SITE = 'http://127.0.0.1:3211';

/**
 * Limits, not budgets: every check waits for what it checks (a diagram drawn, a hit listed), and
 * these limits only stop a test that would never get there. They are wide enough for a 2-core
 * machine at load 15, where drawing a likec4 view and running axe take many times as long as on
 * an idle one.
 */
const TEST_LIMIT_MS = 180_000;
const CHECK_LIMIT_MS = 60_000;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: TEST_LIMIT_MS,
  expect: {timeout: CHECK_LIMIT_MS},
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', {outputFile: '.cache/test-reports/playwright.json'}]],
  outputDir: '.cache/playwright-output',
  use: {
    baseURL: SITE,
    navigationTimeout: CHECK_LIMIT_MS,
    actionTimeout: CHECK_LIMIT_MS,
    // Debian's Chromium: `npx playwright install` cannot download browsers on our machines.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: 'docusaurus serve --port 3210 --host 127.0.0.1 --no-open',
      url: `${SITE}/`,
      reuseExistingServer: !process.env.CI,
      timeout: TEST_LIMIT_MS,
    },
    {
      command: 'docusaurus serve --dir .cache/build-planted --port 3211 --host 127.0.0.1 --no-open',
      url: `${PLANTED_SITE}/`,
      reuseExistingServer: !process.env.CI,
      timeout: TEST_LIMIT_MS,
    },
  ],
});
