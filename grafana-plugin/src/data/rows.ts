/**
 * Rows of the skew map: series grouped by the row labels, their samples
 * merged by time, and each time bucket given its worst sample.
 */
import { type Labels } from '@grafana/data';

import { type Category, classifyCategory, compareWorstFirst } from './categories';
import { bucketSpan, sampleInterval, type TimeGrid } from './grid';
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
  /** One entry per bucket; null is no data. */
  cells: Array<Cell | null>;
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
    const cells = fillCells(members, categoryLabel, grid, categories);
    return { key, labels: labels as Labels, cells, ...worstOf(cells) };
  });
}

function fillCells(
  members: Series[],
  categoryLabel: string,
  grid: TimeGrid,
  categories: Map<string, Category>,
): Array<Cell | null> {
  const samples = mergeByTime(members, categoryLabel, categories);
  const interval = sampleInterval(members, grid);
  const cells: Array<Cell | null> = new Array<Cell | null>(grid.count).fill(null);

  for (const [at, counts] of samples) {
    const cell = toCell(at, counts);
    const span = cell && bucketSpan(grid, at, at + interval);
    if (!cell || !span) continue;
    for (let index = span[0]; index <= span[1]; index++) {
      if (isWorse(cell, cells[index] ?? null)) cells[index] = cell;
    }
  }
  return cells;
}

// Several series of one row and category (per-workload series under a
// region row) add up: their values are instance counts.
function mergeByTime(
  members: Series[],
  categoryLabel: string,
  categories: Map<string, Category>,
): Map<number, Map<Category, number>> {
  const samples = new Map<number, Map<Category, number>>();
  for (const series of members) {
    const key = series.labels[categoryLabel] ?? '';
    const category = categories.get(key) ?? classifyCategory(key);
    categories.set(key, category);

    series.times.forEach((at, index) => {
      const value = series.values[index];
      if (value === null || value === undefined) return;
      const counts = samples.get(at) ?? new Map<Category, number>();
      counts.set(category, (counts.get(category) ?? 0) + value);
      samples.set(at, counts);
    });
  }
  return samples;
}

// A sample that counted no instance at all says nothing about versions:
// it is treated as no data rather than as in sync.
function toCell(at: number, counts: Map<Category, number>): Cell | null {
  const list = [...counts.entries()]
    .filter(([, count]) => count > 0)
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => compareWorstFirst(a.category, b.category));
  if (list.length === 0) return null;
  const total = list.reduce((sum, entry) => sum + entry.count, 0);
  return { at, worst: list[0]!.category, counts: list, total };
}

/** Worst state wins; then more instances in it; then the later sample. */
export function isWorse(candidate: Cell, current: Cell | null): boolean {
  if (current === null) return true;
  if (candidate.worst.rank !== current.worst.rank) return candidate.worst.rank > current.worst.rank;
  const mine = candidate.counts[0]!.count;
  const theirs = current.counts[0]!.count;
  return mine !== theirs ? mine > theirs : candidate.at > current.at;
}

function worstOf(cells: Array<Cell | null>): { worstRank: number; worstCells: number } {
  let worstRank = -1;
  let worstCells = 0;
  for (const cell of cells) {
    if (cell === null) continue;
    if (cell.worst.rank > worstRank) [worstRank, worstCells] = [cell.worst.rank, 0];
    if (cell.worst.rank === worstRank) worstCells += 1;
  }
  return { worstRank, worstCells };
}

/** Sorts rows by name, or worst first (rank, then how long, then name). */
export function sortRows(rows: Row[], by: 'name' | 'worst'): Row[] {
  const byName = (a: Row, b: Row): number =>
    a.key.localeCompare(b.key, undefined, { numeric: true });
  if (by === 'name') return [...rows].sort(byName);
  return [...rows].sort(
    (a, b) => b.worstRank - a.worstRank || b.worstCells - a.worstCells || byName(a, b),
  );
}
