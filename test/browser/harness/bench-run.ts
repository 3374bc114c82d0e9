/**
 * The drawing benchmark, run inside the page: mounts `rows` x `buckets`
 * and times the first draw (shaping, React render and the canvas drawing
 * in its effects), then redraws on hover.
 */
import { type PanelPlugin } from '@grafana/data';

import { benchmarkFrames } from './bench.js';
import { mount } from './mount.js';

/** Timings in ms: every run, so the test can report median and worst. */
export interface BenchResult {
  rows: number;
  buckets: number;
  /** From render to drawn: shaping, React, drawing. */
  firstDraw: number[];
  /** The panel's own measures of shaping and of drawing the whole map. */
  shape: number[];
  draw: number[];
  /** From a pointer move to the hovered cell outlined. */
  hover: number[];
}

/** The durations of the panel's User Timing measures named `name`. */
function measures(name: string): number[] {
  return performance
    .getEntriesByName(`realitycheck-skewmap:${name}`)
    .map((entry) => entry.duration);
}

const LABEL_WIDTH = 120;
const STEP_MS = 60_000;

/** Mounts the benchmark map `runs` times and hovers `runs` cells. */
export async function runBenchmark(
  plugin: PanelPlugin,
  rows: number,
  buckets: number,
  runs: number,
): Promise<BenchResult> {
  const fromMs = Date.UTC(2026, 10, 1);
  const frames = benchmarkFrames(rows, buckets, fromMs, STEP_MS);
  const input = {
    frames,
    theme: 'dark' as const,
    width: LABEL_WIDTH + buckets,
    height: 600,
    fromMs,
    toMs: fromMs + buckets * STEP_MS,
  };
  // One pixel per bucket: exactly `buckets` buckets across.
  const options = { labelWidth: LABEL_WIDTH, minCellWidth: 1 };

  performance.clearMeasures();
  // Each mount passes new options, so the map is shaped and drawn again.
  const firstDraw = Array.from({ length: runs }, () =>
    mount(plugin, { ...input, options: { ...options } }),
  );
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="skewmap-canvas"]')!;
  const box = canvas.getBoundingClientRect();
  const hover: number[] = [];
  for (let run = 0; run < runs; run++) {
    const event = new MouseEvent('mousemove', {
      bubbles: true,
      clientX: box.left + LABEL_WIDTH + 10 + run * 37,
      clientY: box.top + 5 + run * 11,
    });
    const started = performance.now();
    canvas.dispatchEvent(event);
    // React renders a pointer move at continuous priority, not synchronously:
    // wait until the panel has outlined the hovered cell (its last stroke).
    await strokeAfter(started);
    hover.push(lastStroke - started);
  }
  return { rows, buckets, firstDraw, shape: measures('shape'), draw: measures('draw'), hover };
}

let lastStroke = -1;
const strokeRect = CanvasRenderingContext2D.prototype.strokeRect;
// Times the end of a hover redraw: the outline is the last thing it draws.
CanvasRenderingContext2D.prototype.strokeRect = function (this: CanvasRenderingContext2D, ...args) {
  strokeRect.apply(this, args);
  lastStroke = performance.now();
};

/** How long a hover may take before the benchmark calls it broken. */
const HOVER_DEADLINE_MS = 2_000;

async function strokeAfter(started: number): Promise<void> {
  while (lastStroke < started) {
    if (performance.now() - started > HOVER_DEADLINE_MS)
      throw new Error('the hover drew no outline');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
