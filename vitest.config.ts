import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/integration/**/*.test.{ts,tsx}',
      'tests/infra/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    // A limit here only catches a hung test: speed is the benchmarks' job, and on a shared
    // machine a sound test can take several times its usual time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Each file imports tests/support/table.ts afresh and so draws a region of its own: its own
    // database in the run's DynamoDB Local (README, Tests). Shared modules would share one.
    isolate: true,
    silent: 'passed-only',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
