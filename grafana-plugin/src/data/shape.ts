/**
 * From panel data to a skew map, or to the message the error view shows.
 * Pure: the same frames, options, range and width give the same map.
 */
import { type DataFrame } from '@grafana/data';

import { type SkewMapOptions } from '../types';
import { type Category, compareWorstFirst } from './categories';
import { makeGrid, type TimeGrid } from './grid';
import { buildOverlays, type Overlay, overlaysOf } from './overlays';
import { buildRows, type Row, sortRows } from './rows';
import { framesToSeries, type Series } from './series';

/** A row with the overlays that belong to it. */
export interface MapRow extends Row {
  overlays: Overlay[];
}

/** Everything the panel draws. */
export interface SkewMap {
  grid: TimeGrid;
  rows: MapRow[];
  /** Categories present in the data, worst first. */
  categories: Category[];
  /** The refId the counts came from. */
  skewQuery: string;
}

/** Either a map, or why there is none (message undefined: plain "No data"). */
export type ShapeResult = { map: SkewMap } | { error: true; message?: string };

/** Splits the row-labels option (`region, workload`) into label names. */
export function parseRowLabels(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Shapes frames for a panel whose plot area is `plotWidth` pixels wide. */
export function buildSkewMap(
  frames: DataFrame[],
  options: SkewMapOptions,
  range: { from: number; to: number },
  plotWidth: number,
): ShapeResult {
  const found = framesToSeries(frames);
  if (found.series.length === 0) return { error: true, message: emptyMessage(found.withoutTime) };
  const rowLabels = parseRowLabels(options.rowLabels);
  const skewQuery = options.skewQuery.trim() || found.series[0]!.refId;
  const skew = found.series.filter((series) => series.refId === skewQuery);

  const problem = checkShape(skew, found.series, skewQuery, rowLabels, options.categoryLabel);
  if (problem !== undefined) {
    const hint = found.withStrings > 0 ? ' Set the query Format to "Time series".' : '';
    return { error: true, message: problem + hint };
  }

  const grid = makeGrid(range.from, range.to, plotWidth, options.minCellWidth);
  const categories = new Map<string, Category>();
  const rows = buildRows(skew, rowLabels, options.categoryLabel, grid, categories);
  const overlays = buildOverlays(
    found.series.filter((series) => series.refId !== skewQuery),
    rowLabels,
    grid,
  );
  return {
    map: {
      grid,
      rows: sortRows(rows, options.sortBy).map((row) => ({
        ...row,
        overlays: overlaysOf(overlays, row.key),
      })),
      categories: [...categories.values()].sort(compareWorstFirst),
      skewQuery,
    },
  };
}

function emptyMessage(withoutTime: number): string | undefined {
  if (withoutTime === 0) return undefined;
  return 'The query returned values without time: set the query type to "Range" (an instant query gives one value per series).';
}

// Each message names what is wrong and the change that fixes it.
function checkShape(
  skew: Series[],
  all: Series[],
  skewQuery: string,
  rowLabels: string[],
  categoryLabel: string,
): string | undefined {
  if (skew.length === 0) {
    const refIds = [...new Set(all.map((series) => series.refId))].join(', ');
    return `No query "${skewQuery}" in this panel (queries: ${refIds}): set "Counts query" to one of them, or leave it empty for the first.`;
  }
  if (rowLabels.length === 0) return 'Set "Row labels" to the labels that make a row, e.g. region.';

  const present = new Set(skew.flatMap((series) => Object.keys(series.labels)));
  const available = [...present].filter((name) => name !== '__name__').sort();
  const wanted = [...rowLabels, categoryLabel];
  const missing = wanted.filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;

  const labelList = available.length > 0 ? available.join(', ') : 'none';
  return (
    `The series of query ${skewQuery} have no ${missing.map((name) => `"${name}"`).join(' or ')} label ` +
    `(labels found: ${labelList}). Use a query such as ` +
    `sum by (${wanted.join(', ')}) (realitycheck_instances), or change the panel's label options.`
  );
}
