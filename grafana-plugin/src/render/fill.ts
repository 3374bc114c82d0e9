/**
 * Low-level filling: many rectangles as one path and one fill, and the
 * repeating marks that keep colour from being the only signal.
 */
import { type GrafanaTheme2 } from '@grafana/data';

import { markTile, noDataStyle, type StateStyle } from './palette';

/** Rectangles (x, y, width, height, flattened) that share one look. */
export interface Batch {
  style: StateStyle;
  rects: number[];
}

/** Fills each batch with its look: the plain colour, or one pattern of colour and mark. */
export function fillBatches(
  ctx: CanvasRenderingContext2D,
  batches: Map<StateStyle, Batch>,
  theme: GrafanaTheme2,
) {
  for (const { style, rects } of batches.values()) {
    fillRects(ctx, rects, lookPattern(ctx, style, theme) ?? style.fill);
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

const patterns = new WeakMap<GrafanaTheme2, Map<string, CanvasPattern | null>>();

/**
 * A look with a mark as one repeating tile: the fill colour with the mark
 * cut out in the background colour, so it reads on any fill in either
 * theme, and each rectangle is filled once, not twice (the fill is most of
 * the drawing time). Made once per theme; null for a plain look. Tiles are
 * drawn pixel by pixel to stay crisp.
 */
export function lookPattern(ctx: CanvasRenderingContext2D, look: StateStyle, theme: GrafanaTheme2) {
  const cache = patterns.get(theme) ?? new Map<string, CanvasPattern | null>();
  patterns.set(theme, cache);
  if (cache.has(look.key)) return cache.get(look.key)!;

  const [size, pixels] = markTile(look.mark);
  let pattern: CanvasPattern | null = null;
  const tile = pixels.length > 0 ? document.createElement('canvas') : null;
  const tileCtx = tile?.getContext('2d');
  if (tile && tileCtx) {
    [tile.width, tile.height] = [size, size];
    tileCtx.fillStyle = look.fill;
    tileCtx.fillRect(0, 0, size, size);
    tileCtx.fillStyle = theme.colors.background.primary;
    for (const [x, y] of pixels) tileCtx.fillRect(x, y, 1, 1);
    pattern = ctx.createPattern(tile, 'repeat');
  }
  cache.set(look.key, pattern);
  return pattern;
}
