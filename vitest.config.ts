import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/test/**/*.test.ts',
      'infra/test/**/*.test.ts',
      'metering/test/**/*.test.ts',
      'billing/test/**/*.test.ts',
      'admin-console/test/**/*.test.ts',
      'tenant-portal/test/**/*.test.ts',
    ],
    globalSetup: ['server/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share one fresh database per run; each file uses its own tenants, so they may run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
