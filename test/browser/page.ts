/**
 * Drives the harness page: loads the built plugin, mounts it with captured
 * frames, and reads back what is on screen (canvas pixels, the tooltip).
 */
import { type BrowserContext, type Page } from 'playwright-core';

import { type Capture } from './capture.js';

/** A harness page and every console error or page error it raised. */
export interface HarnessPage {
  page: Page;
  errors: string[];
}

/** The layout the default options give (types.ts DEFAULT_OPTIONS, layout.ts, draw.ts). */
export const LAYOUT = {
  labelWidth: 120,
  rowHeight: 24,
  rowGap: 2,
  overlayBand: 3,
  width: 900,
  height: 200,
};

/** Opens the harness and loads grafana-plugin/dist/module.js through the AMD loader. */
export async function openHarness(context: BrowserContext, url: string): Promise<HarnessPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  await page.goto(`${url}/`);
  await page.evaluate(async () => {
    const harness = (window as never as HarnessWindow).harness;
    const exports = (await harness.loadModule('/plugin/module.js')) as { plugin: unknown };
    Object.assign(window, { plugin: exports.plugin });
  });
  return { page, errors };
}

/** What entry.ts puts on `window`, as far as the tests call it. */
export interface HarnessWindow {
  harness: {
    loadModule(url: string): Promise<unknown>;
    mount(plugin: unknown, input: object): number;
    matrixToFrames(refId: string, response: unknown, stepMs: number): unknown[];
    benchmarkFrames(rows: number, samples: number, fromMs: number, stepMs: number): unknown[];
  };
  plugin: unknown;
}

/** Mounts the panel on the captured responses (`refIds` of them), 5 s of no data first. */
export async function mountCapture(
  page: Page,
  capture: Capture,
  theme: 'dark' | 'light',
  refIds: Array<keyof Capture['responses']> = ['A', 'B'],
): Promise<number> {
  return page.evaluate(
    ({ capture, theme, refIds, layout }) => {
      const { harness, plugin } = window as never as HarnessWindow;
      const frames = refIds.flatMap((refId) =>
        harness.matrixToFrames(refId, capture.responses[refId], capture.stepMs),
      );
      const range = { fromMs: capture.startMs - 5_000, toMs: capture.endMs };
      return harness.mount(plugin, {
        frames,
        theme,
        width: layout.width,
        height: layout.height,
        ...range,
      });
    },
    { capture, theme, refIds, layout: LAYOUT },
  );
}

/** The most frequent colour in a rectangle of the panel's canvas, in CSS pixels, as [r, g, b]. */
export async function majorityColour(
  page: Page,
  x: number,
  y: number,
  width: number,
  height: number,
) {
  return page.evaluate(
    ({ x, y, width, height }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="skewmap-canvas"]')!;
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(x * ratio, y * ratio, width * ratio, height * ratio);
      const counts = new Map<string, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      return best![0].split(',').map(Number);
    },
    { x, y, width, height },
  );
}

/** A theme colour as [r, g, b]: a named visualization colour or a path such as background.secondary. */
export async function themeColour(
  page: Page,
  theme: 'dark' | 'light',
  name: string,
): Promise<number[]> {
  const css = await page.evaluate(
    ({ theme, name }) => {
      const { createTheme } = (window as never as { grafanaData: typeof import('@grafana/data') })
        .grafanaData;
      const made = createTheme({ colors: { mode: theme } });
      if (!name.includes('.')) return made.visualization.getColorByName(name);
      const [group, key] = name.split('.') as ['background', 'secondary'];
      return made.colors[group][key];
    },
    { theme, name },
  );
  return parseColour(css);
}

function parseColour(css: string): number[] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return hex.slice(1).map((part) => Number.parseInt(part, 16));
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return rgb.slice(1).map(Number);
  throw new Error(`cannot compare the colour ${css}: only opaque #rrggbb and rgb() are supported`);
}
