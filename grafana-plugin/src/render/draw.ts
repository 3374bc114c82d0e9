/**
 * Draws a skew map on a 2D canvas. Rectangles of the same look are batched
 * into one path and filled once, then their mark is filled over them as a
 * pattern: a few dozen fills however many cells there are.
 */
import { type GrafanaTheme2 } from '@grafana/data';

import { type Category } from '../data/categories';
import { type Cell, cellAt } from '../data/rows';
import { type SampleMatrix } from '../data/samples';
import { type SkewMap } from '../data/shape';
import { cellX, type Hit, type Layout, ROW_GAP } from './layout';
import { type Batch, drawNoData, fillBatches, fillRects, lookPattern } from './fill';
import { type StateStyle, stateStyle } from './palette';
import { stackSegments } from './segments';

/** Height of the band under a row's cells where overlay values show. */
export const OVERLAY_BAND = 3;

/** Cell height inside a row: the row less the gap and, when there are overlays, their band. */
export function cellHeight(map: SkewMap, layout: Layout): number {
  const band = map.rows.some((row) => row.overlays.length > 0) ? OVERLAY_BAND : 0;
  return Math.max(1, layout.rowHeight - ROW_GAP - band);
}

/**
 * Draws the map, or only the rows in `only` (a hover redraws two rows, not
 * the map); the canvas transform is expected to be in CSS pixels.
 */
export function drawMap(
  ctx: CanvasRenderingContext2D,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
  only?: number[],
): void {
  const indices = only ?? map.rows.map((_, index) => index);
  if (only === undefined) ctx.clearRect(0, 0, layout.width, layout.height);
  for (const index of only ?? []) {
    ctx.clearRect(0, index * layout.rowHeight, layout.width, layout.rowHeight);
  }

  const styles = new Map<Category, StateStyle>();
  const shapes: Shapes = {
    batches: new Map(),
    noData: [],
    overlays: [],
    looks: (category) => {
      const look = styles.get(category) ?? stateStyle(category, theme);
      styles.set(category, look);
      return look;
    },
  };
  for (const index of indices) collectRow(shapes, map, layout, index);

  fillBatches(ctx, shapes.batches, theme);
  drawNoData(ctx, shapes.noData, theme);
  fillRects(ctx, shapes.overlays, theme.colors.text.primary);
  drawLabels(ctx, map, layout, theme, indices);
}

/** What a drawing collects before filling: rectangles by look, no data, overlay marks. */
interface Shapes {
  batches: Map<StateStyle, Batch>;
  noData: number[];
  overlays: number[];
  looks: (category: Category) => StateStyle;
}

function collectRow(shapes: Shapes, map: SkewMap, layout: Layout, index: number): void {
  const row = map.rows[index];
  if (row === undefined) return;
  const top = index * layout.rowHeight;
  const inner = cellHeight(map, layout);

  const sameSample = (a: number, b: number) => sameCounts(row.samples, row.winners, a, b);
  forEachRun(map.grid.count, sameSample, (first, end) => {
    const x = cellX(layout, first);
    const width = cellX(layout, end) - x;
    const cell = cellAt(row, first);
    if (cell === null) shapes.noData.push(x, top, width, inner);
    else addSegments(shapes.batches, shapes.looks, cell, [x, top, width, inner]);
  });

  const flags = overlayFlags(row.overlays, map.grid.count);
  const sameFlag = (a: number, b: number) => flags[a] === flags[b];
  forEachRun(map.grid.count, sameFlag, (first, end) => {
    if (!flags[first]) return;
    const x = cellX(layout, first);
    shapes.overlays.push(x, top + inner + 1, cellX(layout, end) - x, OVERLAY_BAND - 1);
  });
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

// Buckets that one sample spans, and neighbours with equal counts, are
// drawn as one rectangle, which keeps long quiet stretches cheap.
function forEachRun(
  count: number,
  same: (a: number, b: number) => boolean,
  draw: (first: number, end: number) => void,
): void {
  let first = 0;
  while (first < count) {
    let end = first + 1;
    while (end < count && same(first, end)) end += 1;
    draw(first, end);
    first = end;
  }
}

function sameCounts(matrix: SampleMatrix, winners: Int32Array, a: number, b: number): boolean {
  const [slotA, slotB] = [winners[a]!, winners[b]!];
  if (slotA === slotB) return true;
  if (slotA < 0 || slotB < 0) return false;
  const slots = matrix.times.length;
  for (let line = 0; line < matrix.categories.length; line++) {
    if (matrix.counts[line * slots + slotA] !== matrix.counts[line * slots + slotB]) return false;
  }
  return true;
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
  batches: Map<StateStyle, Batch>,
  looks: (category: Category) => StateStyle,
  cell: Cell,
  [x, top, width, height]: [number, number, number, number],
): void {
  // Most cells hold one release: no stacking needed.
  const segments =
    cell.counts.length === 1
      ? [{ category: cell.worst, y: 0, height }]
      : stackSegments(cell.counts, height);
  for (const segment of segments) {
    const style = looks(segment.category);
    let batch = batches.get(style);
    if (batch === undefined) batches.set(style, (batch = { style, rects: [] }));
    batch.rects.push(x, top + segment.y, width, segment.height);
  }
}

function drawLabels(
  ctx: CanvasRenderingContext2D,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
  indices: number[],
) {
  ctx.fillStyle = theme.colors.text.primary;
  ctx.font = `${theme.typography.fontSize - 2}px ${theme.typography.fontFamily}`;
  ctx.textBaseline = 'middle';
  const room = layout.labelWidth - 8;
  for (const index of indices) {
    const y = index * layout.rowHeight + (layout.rowHeight - ROW_GAP) / 2;
    ctx.fillText(fitText(ctx, map.rows[index]?.key || '(none)', room), 4, y);
  }
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
  fillRects(ctx, [0, 0, size, size], lookPattern(ctx, style, theme) ?? style.fill);
}
