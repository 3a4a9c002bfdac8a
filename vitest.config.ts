import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Socket tests bind real loopback servers; two cores means little benefit from many workers.
    maxWorkers: 2,
  },
});
