import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in tests/e2e and must not be collected here.
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', ['json', {outputFile: '.cache/test-reports/vitest.json'}]],
  },
});
