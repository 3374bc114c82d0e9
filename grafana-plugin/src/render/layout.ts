/**
 * Where things are on the canvas, in CSS pixels, and which row and bucket
 * a pointer position falls on.
 */
import { type SkewMap } from '../data/shape';

/** Gap between rows, so that rows read as rows. */
export const ROW_GAP = 2;

/** The geometry of one drawing. */
export interface Layout {
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
  rowHeight: number;
  cellWidth: number;
}

/** Lays out `map` in `width` pixels: labels left, one row of cells per row. */
export function makeLayout(
  map: SkewMap,
  width: number,
  labelWidth: number,
  rowHeight: number,
): Layout {
  const plotWidth = Math.max(1, width - labelWidth);
  return {
    width,
    height: map.rows.length * rowHeight,
    labelWidth,
    plotWidth,
    rowHeight,
    cellWidth: plotWidth / map.grid.count,
  };
}

/** A row and a bucket under the pointer. */
export interface Hit {
  row: number;
  bucket: number;
}

/** The cell at (x, y), or null over the labels or outside; a label hit has bucket -1. */
export function hitTest(map: SkewMap, layout: Layout, x: number, y: number): Hit | null {
  const row = Math.floor(y / layout.rowHeight);
  if (y < 0 || row >= map.rows.length || x < 0 || x >= layout.width) return null;
  if (x < layout.labelWidth) return { row, bucket: -1 };
  const bucket = Math.min(
    map.grid.count - 1,
    Math.floor((x - layout.labelWidth) / layout.cellWidth),
  );
  return { row, bucket };
}

/** The left edge of bucket `index`. */
export function cellX(layout: Layout, index: number): number {
  return layout.labelWidth + index * layout.cellWidth;
}
