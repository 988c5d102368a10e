import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and a browser; a loaded 2-core CI machine needs headroom.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
