import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/core/**/*.test.ts', 'tests/hub/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two files at a time, also on a 2-core machine (Vitest's default there is one): most
    // files wait on SQLite's thread, a child process or PostgreSQL for much of their time.
    maxWorkers: 2,
  },
});
