import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests start real processes; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
  },
});
