import { defineConfig } from 'vitest/config';

// Tests that cross packages: the built exporter as a process, a real
// Prometheus, the panel in a browser. They start processes on loopback
// ports, so they get generous timeouts and run one file at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
