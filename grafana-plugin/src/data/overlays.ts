/**
 * Overlays: the panel's other queries (config drift, traffic deviation,
 * findings by class), matched to rows by the row labels and reduced to the
 * largest value per bucket, so that a short spike survives zooming out.
 */
import { type Labels } from '@grafana/data';

import { bucketSpan, sampleInterval, type TimeGrid } from './grid';
import { rowKey } from './rows';
import { type Series } from './series';

/** One overlay series on one row: the largest value per bucket, null where none. */
export interface Overlay {
  name: string;
  values: Array<number | null>;
}

/** Row key of overlays that carry none of the row labels: they apply to every row. */
export const ALL_ROWS = '*';

/** Overlay series grouped by the row they belong to (or ALL_ROWS). */
export function buildOverlays(
  series: Series[],
  rowLabels: string[],
  grid: TimeGrid,
): Map<string, Overlay[]> {
  const byRow = new Map<string, Overlay[]>();
  for (const one of series) {
    const global = rowLabels.every((name) => one.labels[name] === undefined);
    const key = global ? ALL_ROWS : rowKey(one.labels, rowLabels);
    const overlay = { name: overlayName(one, rowLabels), values: maxPerBucket(one, grid) };
    byRow.set(key, [...(byRow.get(key) ?? []), overlay]);
  }
  return byRow;
}

/** The overlays shown on a row: its own, then those for every row. */
export function overlaysOf(byRow: Map<string, Overlay[]>, key: string): Overlay[] {
  return [...(byRow.get(key) ?? []), ...(byRow.get(ALL_ROWS) ?? [])];
}

// The data source's display name when the query sets a legend; otherwise
// the refId and whatever labels tell series of one row apart (`class`).
function overlayName(series: Series, rowLabels: string[]): string {
  if (series.name !== 'Value' && series.name !== '') return series.name;
  const extra = Object.entries(series.labels as Labels)
    .filter(([name]) => name !== '__name__' && !rowLabels.includes(name))
    .map(([name, value]) => `${name}="${value}"`);
  return extra.length > 0 ? `${series.refId} {${extra.join(', ')}}` : series.refId;
}

function maxPerBucket(series: Series, grid: TimeGrid): Array<number | null> {
  const values: Array<number | null> = new Array<number | null>(grid.count).fill(null);
  const interval = sampleInterval([series], grid);
  series.times.forEach((at, index) => {
    const value = series.values[index];
    const span = bucketSpan(grid, at, at + interval);
    if (value === null || value === undefined || span === null) return;
    for (let bucket = span[0]; bucket <= span[1]; bucket++) {
      values[bucket] = Math.max(values[bucket] ?? -Infinity, value);
    }
  });
  return values;
}
