import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in tests/e2e and must not be collected here.
    include: ['tests/unit/**/*.test.ts'],
    // A limit, not a budget: tests that start processes (the CLI, likec4) must also pass on a
    // 2-core machine at load 15. The simulated toolchain's own time is virtual (ADR-0011).
    // Hooks too: beforeAll loads the runbooks and the likec4 model (traceability, drift), which
    // ran past vitest's default 10 s hook limit at load 20.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', {outputFile: '.cache/test-reports/vitest.json'}]],
  },
});
