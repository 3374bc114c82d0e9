/**
 * The time axis cut into equal buckets, at least `minCellWidth` pixels
 * each, so that cells stay visible however long the range is.
 */

/** Equal time buckets over [from, to). */
export interface TimeGrid {
  from: number;
  to: number;
  count: number;
  bucketMs: number;
}

/** Cuts [from, to) into as many buckets as fit `plotWidth` at `minCellWidth` pixels each. */
export function makeGrid(
  from: number,
  to: number,
  plotWidth: number,
  minCellWidth: number,
): TimeGrid {
  const count = Math.max(1, Math.floor(Math.max(1, plotWidth) / Math.max(1, minCellWidth)));
  return { from, to, count, bucketMs: Math.max(1, to - from) / count };
}

/** The first and last bucket that [start, end) overlaps, or null when it is outside the grid. */
export function bucketSpan(grid: TimeGrid, start: number, end: number): [number, number] | null {
  if (end <= grid.from || start >= grid.to || end <= start) return null;
  const first = Math.max(0, Math.floor((start - grid.from) / grid.bucketMs));
  const last = Math.min(grid.count - 1, Math.ceil((end - grid.from) / grid.bucketMs) - 1);
  return first <= last ? [first, last] : null;
}

/** Where bucket `index` starts, in epoch ms. */
export function bucketStart(grid: TimeGrid, index: number): number {
  return grid.from + index * grid.bucketMs;
}

/**
 * How long one sample stands for. Prometheus range queries state their step
 * (Grafana puts it in the time field's `interval`); without it, the smallest
 * gap between samples is the step, and a larger gap is missing data. A lone
 * sample covers one bucket. Never longer: the last value is not stretched.
 */
export function sampleInterval(
  seriesList: Array<{ times: number[]; intervalMs?: number }>,
  grid: TimeGrid,
): number {
  const stated = seriesList.flatMap((series) => (series.intervalMs ? [series.intervalMs] : []));
  if (stated.length > 0) return Math.min(...stated);

  let smallest = Infinity;
  for (const { times } of seriesList) {
    for (let i = 1; i < times.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      if (gap > 0 && gap < smallest) smallest = gap;
    }
  }
  return Number.isFinite(smallest) ? smallest : grid.bucketMs;
}
