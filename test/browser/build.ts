/**
 * Builds the harness page into test/browser/.build: the shared packages and
 * the AMD loader bundled with esbuild, and the page itself. The plugin is
 * not bundled here: the page loads grafana-plugin/dist/module.js as built.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'esbuild';

import { REPO } from '../support/exporter.js';

/** Where the harness is built. */
export const BUILD_DIR = join(REPO, 'test', 'browser', '.build');
/** The plugin's build output, as Grafana would serve it. */
export const PLUGIN_DIST = join(REPO, 'grafana-plugin', 'dist');

/** Bundles the harness (about 2 s); the plugin must have been built by `npm run build`. */
export async function buildHarness(): Promise<void> {
  if (!existsSync(join(PLUGIN_DIST, 'module.js'))) {
    throw new Error(`${PLUGIN_DIST}/module.js is missing: run \`npm run build\` first`);
  }
  mkdirSync(BUILD_DIR, { recursive: true });
  const here = join(REPO, 'test', 'browser', 'harness');
  await build({
    entryPoints: [join(here, 'entry.ts')],
    outfile: join(BUILD_DIR, 'harness.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    // Grafana runs production React; development builds would warn on the console.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    logLevel: 'error',
  });
  copyFileSync(join(here, 'index.html'), join(BUILD_DIR, 'index.html'));
}
