import { defineConfig } from 'vitest/config';

/** Browser tests: each file starts its own `npm start` (own DATA_DIR and port) and drives Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/support/run-temp-dir.ts'],
    testTimeout: 120_000,
    // Above npm start's own bound (tests/support/npm-start.ts), so its error, naming the step, is what a slow start shows.
    hookTimeout: 240_000,
    fileParallelism: false,
    silent: 'passed-only',
    // A page after a POST and its redirect can take seconds on a busy machine; a poll waits that long.
    expect: { poll: { timeout: 10_000 } },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
