/**
 * Rows of the skew map: series grouped by the row labels, their samples
 * merged by time, and each time bucket given its worst sample.
 */
import { type Labels } from '@grafana/data';

import { type Category } from './categories';
import { bucketSpan, sampleInterval, type TimeGrid } from './grid';
import { beats, type SampleMatrix, sampleMatrix } from './samples';
import { type Series } from './series';

/** How many instances of one category a sample counted. */
export interface CategoryCount {
  category: Category;
  count: number;
}

/** A bucket's content: the worst sample that falls in it. */
export interface Cell {
  /** When that sample was taken (epoch ms). */
  at: number;
  worst: Category;
  /** Non-zero counts, worst first. */
  counts: CategoryCount[];
  total: number;
}

/** One row: a region (or region and workload) across the time grid. */
export interface Row {
  key: string;
  labels: Labels;
  /** The row's samples; cells are read from them with cellAt(). */
  samples: SampleMatrix;
  /** Per bucket, the slot of the sample that wins it (the worst); -1 is no data. */
  winners: Int32Array;
  /** The worst rank of any cell, -1 when the row has no data in range. */
  worstRank: number;
  /** How many buckets show that worst rank: more is worse when ranks tie. */
  worstCells: number;
}

/** The row key of a label set: the row labels' values, joined. */
export function rowKey(labels: Labels, rowLabels: string[]): string {
  return rowLabels.map((name) => labels[name] ?? '').join(' / ');
}

/** Groups series into rows and fills each row's buckets; categories are classified once. */
export function buildRows(
  series: Series[],
  rowLabels: string[],
  categoryLabel: string,
  grid: TimeGrid,
  categories: Map<string, Category>,
): Row[] {
  const groups = new Map<string, Series[]>();
  for (const one of series) {
    const key = rowKey(one.labels, rowLabels);
    groups.set(key, [...(groups.get(key) ?? []), one]);
  }

  return [...groups.entries()].map(([key, members]) => {
    const labels = Object.fromEntries(rowLabels.map((name) => [name, members[0]!.labels[name]]));
    const samples = sampleMatrix(members, categoryLabel, categories);
    const winners = pickWinners(samples, sampleInterval(members, grid), grid);
    return { key, labels: labels as Labels, samples, winners, ...worstOf(samples, winners) };
  });
}

// Only the slot of each bucket's worst sample is kept: a 200 x 1000 map
// would otherwise hold 200,000 cell objects that nobody reads.
function pickWinners(matrix: SampleMatrix, interval: number, grid: TimeGrid): Int32Array {
  const winners = new Int32Array(grid.count).fill(-1);
  matrix.times.forEach((at, slot) => {
    const span = matrix.worst[slot]! < 0 ? null : bucketSpan(grid, at, at + interval);
    if (span === null) return;
    for (let index = span[0]; index <= span[1]; index++) {
      const current = winners[index]!;
      if (current < 0 || beats(matrix, slot, current)) winners[index] = slot;
    }
  });
  return winners;
}

/** The content of bucket `bucket` of `row`: its worst sample, or null for no data. */
export function cellAt(row: Pick<Row, 'samples' | 'winners'>, bucket: number): Cell | null {
  const slot = row.winners[bucket] ?? -1;
  return slot < 0 ? null : toCell(row.samples, slot);
}

function toCell(matrix: SampleMatrix, slot: number): Cell {
  const slots = matrix.times.length;
  const counts: CategoryCount[] = [];
  let total = 0;
  for (let line = 0; line < matrix.categories.length; line++) {
    const count = matrix.counts[line * slots + slot]!;
    if (count <= 0) continue;
    counts.push({ category: matrix.categories[line]!, count });
    total += count;
  }
  return { at: matrix.times[slot]!, worst: counts[0]!.category, counts, total };
}

function worstOf(matrix: SampleMatrix, winners: Int32Array) {
  let worstRank = -1;
  let worstCells = 0;
  for (const slot of winners) {
    if (slot < 0) continue;
    const rank = matrix.categories[matrix.worst[slot]!]!.rank;
    if (rank > worstRank) [worstRank, worstCells] = [rank, 0];
    if (rank === worstRank) worstCells += 1;
  }
  return { worstRank, worstCells };
}

// One collator for all comparisons: localeCompare with options builds one per call.
const NAME_ORDER = new Intl.Collator(undefined, { numeric: true });

/** Sorts rows by name, or worst first (rank, then how long, then name). */
export function sortRows(rows: Row[], by: 'name' | 'worst'): Row[] {
  const byName = (a: Row, b: Row): number => NAME_ORDER.compare(a.key, b.key);
  if (by === 'name') return [...rows].sort(byName);
  return [...rows].sort(
    (a, b) => b.worstRank - a.worstRank || b.worstCells - a.worstCells || byName(a, b),
  );
}
