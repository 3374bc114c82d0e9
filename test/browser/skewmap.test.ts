/**
 * The panel in a real browser: the built dist/module.js loaded through an
 * AMD loader in headless Chromium, mounted on frames converted from a real
 * Prometheus range-query response of the demo exporter. Asserts on what a
 * person sees: rows, cell colours, the tooltip, the drill-down variable,
 * the error view, and no console errors, in both themes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, type Chromium } from '../support/chromium.js';
import { BUILD_DIR, buildHarness } from './build.js';
import { captureDemoRange, type Capture } from './capture.js';
import { lastCounts, regionsOf } from './facts.js';
import {
  LAYOUT,
  majorityColour,
  mountCapture,
  openHarness,
  themeColour,
  type HarnessPage,
} from './page.js';
import { serveHarness, type StaticServer } from './server.js';

let capture: Capture;
let server: StaticServer;
let chromium: Chromium;

beforeAll(async () => {
  await buildHarness();
  capture = await captureDemoRange();
  writeFileSync(join(BUILD_DIR, 'capture.json'), JSON.stringify(capture));
  server = await serveHarness();
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const plotRight = LAYOUT.width - 4;
const cellHeight = LAYOUT.rowHeight - LAYOUT.rowGap - LAYOUT.overlayBand;

/** Row names in drawing order, read from the tooltip over each row's last cell. */
async function rowNames({ page }: HarnessPage, count: number): Promise<string[]> {
  const canvas = page.getByTestId('skewmap-canvas');
  const names: string[] = [];
  for (let row = 0; row < count; row++) {
    await canvas.hover({ position: { x: plotRight, y: row * LAYOUT.rowHeight + 8 } });
    names.push((await page.getByRole('tooltip').locator('div').first().textContent()) ?? '');
  }
  return names;
}

describe.each(['dark', 'light'] as const)('the skew map in the %s theme', (theme) => {
  let harness: HarnessPage;
  let names: string[];
  const top = (region: string) => names.indexOf(region) * LAYOUT.rowHeight;

  beforeAll(async () => {
    harness = await openHarness(chromium.context, server.url);
    await mountCapture(harness.page, capture, theme);
    names = await rowNames(harness, regionsOf(capture).length);
  });

  it('draws one row per region, and the demo ends as its story says', () => {
    expect([...names].sort()).toEqual(regionsOf(capture));
    expect(lastCounts(capture, 'edge-fra')).toMatchObject({ '2': expect.any(Number) });
    expect(lastCounts(capture, 'us-east')).toMatchObject({ unexpected: expect.any(Number) });
    expect(Object.keys(lastCounts(capture, 'eu-west'))).toEqual(['0']);
  });

  it('shows no data before the first sample, explicitly', async () => {
    const empty = await majorityColour(harness.page, LAYOUT.labelWidth + 4, 2, 20, cellHeight - 4);
    expect(empty).toEqual(await themeColour(harness.page, theme, 'background.secondary'));
  });

  it('colours a cell by its worst state on top and in-sync instances below', async () => {
    const { page } = harness;
    const blue = await themeColour(page, theme, 'blue');
    const at = (region: string, dy: number, h: number) =>
      majorityColour(page, plotRight - 20, top(region) + dy, 16, h);

    expect(await at('edge-fra', 1, 2)).toEqual(await themeColour(page, theme, 'orange'));
    expect(await at('edge-fra', cellHeight - 5, 4)).toEqual(blue);
    expect(await at('us-east', 0, 3)).toEqual(await themeColour(page, theme, 'purple'));
    expect(await at('eu-west', 1, cellHeight - 2)).toEqual(blue);
  });

  it('shows counts and shares of each release on hover', async () => {
    const { page } = harness;
    await page
      .getByTestId('skewmap-canvas')
      .hover({ position: { x: plotRight, y: top('edge-fra') + 8 } });
    const text = await page.getByRole('tooltip').textContent();
    const counts = lastCounts(capture, 'edge-fra');
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(text).toContain(`2 behind${counts['2']}${Math.round((100 * counts['2']!) / total)}%`);
    expect(text).toContain(`current${counts['0']}`);
  });

  it('sets the region variable when a row is clicked', async () => {
    const { page } = harness;
    await page
      .getByTestId('skewmap-canvas')
      .click({ position: { x: 300, y: top('ap-south') + 8 } });
    expect(new URL(page.url()).searchParams.get('var-region')).toBe('ap-south');
  });

  it('raised no console error, and looks right (screenshot kept in test/browser/.build)', async () => {
    await harness.page.mouse.move(0, 0);
    await harness.page
      .locator('#panel')
      .screenshot({ path: join(BUILD_DIR, `skewmap-${theme}.png`) });
    expect(harness.errors).toEqual([]);
    await harness.page.close();
  });
});

describe('the skew map when the data does not fit', () => {
  it("shows Grafana's error view with the query that would fit", async () => {
    const harness = await openHarness(chromium.context, server.url);
    // Query B alone (findings per region) has no releases_behind label.
    await mountCapture(harness.page, capture, 'dark', ['B']);
    const text = await harness.page.getByTestId('panel-data-error').textContent();
    expect(text).toContain('no "releases_behind" label');
    expect(text).toContain('sum by (region, releases_behind) (realitycheck_instances)');
    await expect(harness.page.getByTestId('skewmap-canvas').count()).resolves.toBe(0);
    expect(harness.errors).toEqual([]);
    await harness.page.close();
  });
});
