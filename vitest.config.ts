import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Prints why ../shared-dependent tests skip when ../shared is absent.
    globalSetup: ['test/global-setup.ts'],
  },
});
