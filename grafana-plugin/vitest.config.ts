import { defineConfig } from 'vitest/config';

// Unit and component tests of the panel: data shaping is pure, components
// render under jsdom with a recording canvas (jsdom draws nothing).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    // @grafana/* ship ESM that imports named exports from CommonJS packages
    // (moment-timezone); Node refuses that, Vite's transform does not.
    // A similar report: https://github.com/grafana/grafana/issues/105732
    server: { deps: { inline: [/@grafana\//] } },
  },
});
