/**
 * Low-level filling: many rectangles as one path and one fill, and the
 * repeating marks that keep colour from being the only signal.
 */
import { type GrafanaTheme2 } from '@grafana/data';

import { type Mark, markTile, noDataStyle, type StateStyle } from './palette';

/** Rectangles (x, y, width, height, flattened) that share one look. */
export interface Batch {
  style: StateStyle;
  rects: number[];
}

/** Fills each batch in its colour, then its mark over it. */
export function fillBatches(
  ctx: CanvasRenderingContext2D,
  batches: Map<StateStyle, Batch>,
  theme: GrafanaTheme2,
) {
  for (const { style, rects } of batches.values()) {
    fillRects(ctx, rects, style.fill);
    const pattern = markPattern(ctx, style.mark, theme);
    if (pattern !== null) fillRects(ctx, rects, pattern);
  }
}

/** No-data rectangles: a quiet fill crossed by a dash. */
export function drawNoData(
  ctx: CanvasRenderingContext2D,
  rects: number[],
  theme: GrafanaTheme2,
): void {
  const look = noDataStyle(theme);
  fillRects(ctx, rects, look.fill);
  const dashes: number[] = [];
  for (let i = 0; i < rects.length; i += 4) {
    const [x, y, width, height] = rects.slice(i, i + 4) as [number, number, number, number];
    dashes.push(x + 1, y + Math.floor(height / 2), Math.max(1, width - 2), 1);
  }
  fillRects(ctx, dashes, look.dash);
}

/** Fills rectangles (flattened x, y, width, height) as one path. */
export function fillRects(
  ctx: CanvasRenderingContext2D,
  rects: number[],
  style: string | CanvasPattern,
) {
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
/** The mark of a look as a pattern, made once per theme; null for no mark. */
export function markPattern(ctx: CanvasRenderingContext2D, mark: Mark, theme: GrafanaTheme2) {
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
