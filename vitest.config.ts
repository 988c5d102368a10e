import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The default output, then a notice of skipped tests (e.g. the browser tests without Chromium) as the last lines.
    reporters: ['default', './tests/skip-notice-reporter.ts'],
    // End-to-end tests spawn the built CLI and a browser; a loaded 2-core CI machine needs headroom.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
