/**
 * The drawing benchmark of the issue: 200 rows by 1,000 time buckets in
 * headless Chromium, through the built plugin. Figures go to
 * test/browser/.build/benchmark.json and, by hand, to docs/benchmarks.md.
 * Bounds are loose (10x the target) so that a slow CI machine does not
 * fail; the figures themselves are the result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { launchChromium, type Chromium } from '../support/chromium.js';
import { BUILD_DIR, buildHarness } from './build.js';
import { type HarnessWindow, openHarness } from './page.js';
import { serveHarness, type StaticServer } from './server.js';

const ROWS = 200;
const BUCKETS = 1_000;
const RUNS = 7;

let server: StaticServer;
let chromium: Chromium;

beforeAll(async () => {
  await buildHarness();
  server = await serveHarness();
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** Median of the warm runs: the first run of each kind pays for JIT and font loading. */
function warmMedian(values: number[]): number {
  const warm = [...values.slice(1)].sort((a, b) => a - b);
  return Number(warm[Math.floor(warm.length / 2)]!.toFixed(1));
}

it(`draws ${ROWS} rows x ${BUCKETS} buckets, and redraws on hover`, async () => {
  const { page, errors } = await openHarness(chromium.context, server.url);
  const result = await page.evaluate(
    ({ rows, buckets, runs }) => {
      const { harness, plugin } = window as never as HarnessWindow & {
        harness: { runBenchmark(...args: unknown[]): Promise<Record<string, number[]>> };
      };
      return harness.runBenchmark(plugin, rows, buckets, runs);
    },
    { rows: ROWS, buckets: BUCKETS, runs: RUNS },
  );
  const summary = Object.fromEntries(
    ['firstDraw', 'shape', 'draw', 'hover'].map((name) => [name, warmMedian(result[name]!)]),
  );
  writeFileSync(join(BUILD_DIR, 'benchmark.json'), JSON.stringify({ summary, result }, null, 1));

  expect(result.draw).toHaveLength(RUNS);
  expect(summary.draw).toBeLessThan(500);
  expect(summary.hover).toBeLessThan(500);
  expect(errors).toEqual([]);
  await page.close();
});
