/**
 * Draws a skew map on a 2D canvas. Rectangles of the same look are batched
 * into one path and filled once, then their mark is filled over them as a
 * pattern: a few dozen fills however many cells there are.
 */
import { type GrafanaTheme2 } from '@grafana/data';

import { type Cell } from '../data/rows';
import { type SkewMap } from '../data/shape';
import { cellX, type Hit, type Layout, ROW_GAP } from './layout';
import { type Mark, markTile, noDataStyle, type StateStyle, stateStyle } from './palette';
import { stackSegments } from './segments';

/** Height of the band under a row's cells where overlay values show. */
export const OVERLAY_BAND = 3;

interface Batch {
  style: StateStyle;
  rects: number[];
}

/** Cell height inside a row: the row less the gap and, when there are overlays, their band. */
export function cellHeight(map: SkewMap, layout: Layout): number {
  const band = map.rows.some((row) => row.overlays.length > 0) ? OVERLAY_BAND : 0;
  return Math.max(1, layout.rowHeight - ROW_GAP - band);
}

/** Draws the whole map; the canvas transform is expected to be in CSS pixels. */
export function drawMap(
  ctx: CanvasRenderingContext2D,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
): void {
  ctx.clearRect(0, 0, layout.width, layout.height);
  const inner = cellHeight(map, layout);
  const batches = new Map<string, Batch>();
  const noData: number[] = [];
  const overlays: number[] = [];

  map.rows.forEach((row, index) => {
    const top = index * layout.rowHeight;
    forEachRun(row.cells, (cell, first, end) => {
      const x = cellX(layout, first);
      const width = cellX(layout, end) - x;
      if (cell === null) noData.push(x, top, width, inner);
      else addSegments(batches, cell, x, top, width, inner, theme);
    });
    forEachRun(overlayFlags(row.overlays, map.grid.count), (flag, first, end) => {
      const x = cellX(layout, first);
      if (flag) overlays.push(x, top + inner + 1, cellX(layout, end) - x, OVERLAY_BAND - 1);
    });
  });

  fillBatches(ctx, batches, theme);
  drawNoData(ctx, noData, theme);
  fillRects(ctx, overlays, theme.colors.text.primary);
  drawLabels(ctx, map, layout, theme);
}

/** Outlines the hovered row and cell over a drawn map. */
export function drawHover(
  ctx: CanvasRenderingContext2D,
  layout: Layout,
  hit: Hit,
  theme: GrafanaTheme2,
) {
  const top = hit.row * layout.rowHeight;
  ctx.strokeStyle = theme.colors.border.strong;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, top + 0.5, layout.width - 1, layout.rowHeight - ROW_GAP - 1);
  if (hit.bucket < 0) return;
  ctx.strokeStyle = theme.colors.text.primary;
  ctx.lineWidth = 2;
  const x = cellX(layout, hit.bucket);
  ctx.strokeRect(x, top + 1, Math.max(2, layout.cellWidth), layout.rowHeight - ROW_GAP - 2);
}

// Buckets that one sample spans hold the same cell; equal neighbours are
// drawn as one rectangle, which keeps long quiet stretches cheap.
function forEachRun<T>(items: T[], draw: (item: T, first: number, end: number) => void): void {
  let first = 0;
  while (first < items.length) {
    let end = first + 1;
    while (end < items.length && same(items[end], items[first])) end += 1;
    draw(items[first]!, first, end);
    first = end;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const [x, y] = [(a as Cell).counts, (b as Cell).counts];
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  return x.every((entry, i) => entry.category === y[i]!.category && entry.count === y[i]!.count);
}

function overlayFlags(overlays: Array<{ values: Array<number | null> }>, count: number): boolean[] {
  const flags = new Array<boolean>(count).fill(false);
  for (const overlay of overlays) {
    overlay.values.forEach((value, index) => {
      if (value !== null && value > 0) flags[index] = true;
    });
  }
  return flags;
}

function addSegments(
  batches: Map<string, Batch>,
  cell: Cell,
  x: number,
  top: number,
  width: number,
  height: number,
  theme: GrafanaTheme2,
): void {
  for (const segment of stackSegments(cell.counts, height)) {
    const style = stateStyle(segment.category, theme);
    const batch = batches.get(style.key) ?? { style, rects: [] };
    batch.rects.push(x, top + segment.y, width, segment.height);
    batches.set(style.key, batch);
  }
}

function fillBatches(
  ctx: CanvasRenderingContext2D,
  batches: Map<string, Batch>,
  theme: GrafanaTheme2,
) {
  for (const { style, rects } of batches.values()) {
    fillRects(ctx, rects, style.fill);
    const pattern = markPattern(ctx, style.mark, theme);
    if (pattern !== null) fillRects(ctx, rects, pattern);
  }
}

function drawNoData(ctx: CanvasRenderingContext2D, rects: number[], theme: GrafanaTheme2): void {
  const look = noDataStyle(theme);
  fillRects(ctx, rects, look.fill);
  const dashes: number[] = [];
  for (let i = 0; i < rects.length; i += 4) {
    const [x, y, width, height] = rects.slice(i, i + 4) as [number, number, number, number];
    dashes.push(x + 1, y + Math.floor(height / 2), Math.max(1, width - 2), 1);
  }
  fillRects(ctx, dashes, look.dash);
}

function fillRects(ctx: CanvasRenderingContext2D, rects: number[], style: string | CanvasPattern) {
  if (rects.length === 0) return;
  ctx.fillStyle = style;
  ctx.beginPath();
  for (let i = 0; i < rects.length; i += 4) {
    ctx.rect(rects[i]!, rects[i + 1]!, rects[i + 2]!, rects[i + 3]!);
  }
  ctx.fill();
}

const patterns = new WeakMap<GrafanaTheme2, Map<Mark, CanvasPattern | null>>();

// Marks are cut out in the background colour, so they read on any fill in
// either theme. Tiles are drawn pixel by pixel to stay crisp.
function markPattern(ctx: CanvasRenderingContext2D, mark: Mark, theme: GrafanaTheme2) {
  const cache = patterns.get(theme) ?? new Map<Mark, CanvasPattern | null>();
  patterns.set(theme, cache);
  if (cache.has(mark)) return cache.get(mark)!;

  const [size, pixels] = markTile(mark);
  let pattern: CanvasPattern | null = null;
  const tile = pixels.length > 0 ? document.createElement('canvas') : null;
  const tileCtx = tile?.getContext('2d');
  if (tile && tileCtx) {
    [tile.width, tile.height] = [size, size];
    tileCtx.fillStyle = theme.colors.background.primary;
    for (const [x, y] of pixels) tileCtx.fillRect(x, y, 1, 1);
    pattern = ctx.createPattern(tile, 'repeat');
  }
  cache.set(mark, pattern);
  return pattern;
}

function drawLabels(
  ctx: CanvasRenderingContext2D,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
) {
  ctx.fillStyle = theme.colors.text.primary;
  ctx.font = `${theme.typography.fontSize - 2}px ${theme.typography.fontFamily}`;
  ctx.textBaseline = 'middle';
  const room = layout.labelWidth - 8;
  map.rows.forEach((row, index) => {
    const y = index * layout.rowHeight + (layout.rowHeight - ROW_GAP) / 2;
    ctx.fillText(fitText(ctx, row.key || '(none)', room), 4, y);
  });
}

/** Cuts a label to `room` pixels, ending in an ellipsis when cut. */
function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > room) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Paints a legend swatch: the state's fill and mark over a `size` square. */
export function drawSwatch(
  ctx: CanvasRenderingContext2D,
  style: StateStyle,
  theme: GrafanaTheme2,
  size: number,
): void {
  fillRects(ctx, [0, 0, size, size], style.fill);
  const pattern = markPattern(ctx, style.mark, theme);
  if (pattern !== null) fillRects(ctx, [0, 0, size, size], pattern);
}
