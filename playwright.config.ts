import { defineConfig } from '@playwright/test';

// The renderer is built by `npm run build` before these run (see package.json "test").
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  workers: 2,
  // Whole journeys (log, merge, restart; every screen offline) on a 2-core machine.
  timeout: 120_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
