import {defineConfig} from '@playwright/test';

/** The production build, and a second build made from planted evidence (see `npm run build:planted`). */
export const SITE = 'http://127.0.0.1:3210';
export const PLANTED_SITE = 'http://127.0.0.1:3211';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', {outputFile: '.cache/test-reports/playwright.json'}]],
  outputDir: '.cache/playwright-output',
  use: {
    baseURL: SITE,
    // Debian's Chromium: `npx playwright install` cannot download browsers on our machines.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: 'docusaurus serve --port 3210 --host 127.0.0.1 --no-open',
      url: `${SITE}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'docusaurus serve --dir .cache/build-planted --port 3211 --host 127.0.0.1 --no-open',
      url: `${PLANTED_SITE}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
