/**
 * A row's samples as a matrix: one column per distinct sample time, one
 * line per category, worst first. Typed arrays instead of a map per sample:
 * a 200-row, 1000-step map has 200,000 samples to merge.
 */
import { type Category, classifyCategory, compareWorstFirst } from './categories';
import { type Series } from './series';

/** Counts by category and time. */
export interface SampleMatrix {
  /** Distinct sample times, in first-seen order. */
  times: number[];
  /** Categories of the row, worst first. */
  categories: Category[];
  /** counts[category * times.length + slot] */
  counts: Float64Array;
  /** Per slot, the index of the worst category with instances; -1 when none. */
  worst: Int32Array;
}

/**
 * Merges a row's series. Several series of one category (per-workload
 * series under a region row) add up: their values are instance counts.
 */
export function sampleMatrix(
  members: Series[],
  categoryLabel: string,
  known: Map<string, Category>,
): SampleMatrix {
  const memberCategories = members.map((series) => {
    const key = series.labels[categoryLabel] ?? '';
    const category = known.get(key) ?? classifyCategory(key);
    known.set(key, category);
    return category;
  });
  const categories = [...new Set(memberCategories)].sort(compareWorstFirst);
  const { times, slots } = slotsOf(members);

  const counts = new Float64Array(categories.length * times.length);
  members.forEach((series, member) => {
    const base = categories.indexOf(memberCategories[member]!) * times.length;
    const slot = slots[member]!;
    series.values.forEach((value, index) => {
      if (value === null || value === undefined) return;
      const at = base + slot(index);
      counts[at] = counts[at]! + value;
    });
  });
  return {
    times,
    categories,
    counts,
    worst: worstPerSlot(counts, categories.length, times.length),
  };
}

// Series of one query usually share their timestamps exactly: then a
// sample's slot is its index, and no lookup per sample is needed.
function slotsOf(members: Series[]): { times: number[]; slots: Array<(index: number) => number> } {
  const times = [...(members[0]?.times ?? [])];
  const slotOf = new Map<number, number>();
  const slots = members.map((series) => {
    if (sameTimes(series.times, times)) return (index: number) => index;
    if (slotOf.size === 0) times.forEach((at, slot) => slotOf.set(at, slot));
    for (const at of series.times) if (!slotOf.has(at)) slotOf.set(at, times.push(at) - 1);
    return (index: number) => slotOf.get(series.times[index]!)!;
  });
  return { times, slots };
}

function sameTimes(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// A sample that counted no instance at all says nothing about versions:
// it gets -1 and is treated as no data rather than as in sync.
function worstPerSlot(counts: Float64Array, lines: number, slots: number): Int32Array {
  const worst = new Int32Array(slots).fill(-1);
  for (let slot = 0; slot < slots; slot++) {
    for (let line = 0; line < lines; line++) {
      if (counts[line * slots + slot]! > 0) {
        worst[slot] = line;
        break;
      }
    }
  }
  return worst;
}

/** Whether the sample at slot `a` is worse than at `b`: worst state, then more instances in it, then later. */
export function beats(matrix: SampleMatrix, a: number, b: number): boolean {
  const { categories, counts, times, worst } = matrix;
  const [lineA, lineB] = [worst[a]!, worst[b]!];
  const [rankA, rankB] = [categories[lineA]!.rank, categories[lineB]!.rank];
  if (rankA !== rankB) return rankA > rankB;
  const [countA, countB] = [counts[lineA * times.length + a]!, counts[lineB * times.length + b]!];
  return countA !== countB ? countA > countB : times[a]! > times[b]!;
}
