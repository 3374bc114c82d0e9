/**
 * What a value of the category label (`releases_behind`) means, and how bad
 * it is. The rank orders states so that "the worst state wins" is a plain
 * comparison of numbers.
 */

/** The kinds of state a cell segment can show. */
export type StateKind =
  'current' | 'ahead' | 'pending' | 'unknown' | 'other' | 'behind' | 'unexpected';

/** One value of the category label, classified. */
export interface Category {
  /** The label value as the query returned it. */
  key: string;
  kind: StateKind;
  /** Releases behind the intended one (negative: newer); 0 for non-numeric kinds. */
  behind: number;
  /** Higher is worse. */
  rank: number;
  /** What the legend and tooltip call it. */
  label: string;
}

// Ranks leave room between kinds: behind N ranks BEHIND_BASE + N, so two
// releases behind is always worse than one, and both are worse than blind.
const RANK = { current: 0, ahead: 10, pending: 20, unknown: 30, other: 40, unexpected: 10_000 };
const BEHIND_BASE = 100;
const MAX_BEHIND_RANKED = 1_000;

const INTEGER = /^-?\d+$/;

/** Classifies a category label value; values the metric contract does not name become `other`. */
export function classifyCategory(key: string): Category {
  if (INTEGER.test(key)) return numericCategory(key, Number(key));
  if (key === 'unexpected' || key === 'pending' || key === 'unknown') {
    return { key, kind: key, behind: 0, rank: RANK[key], label: key };
  }
  // A category the panel does not know (another query's label, a future
  // contract value): shown as it is, ranked just above unknown so that it is
  // never mistaken for in sync.
  return { key, kind: 'other', behind: 0, rank: RANK.other, label: key === '' ? '(none)' : key };
}

function numericCategory(key: string, behind: number): Category {
  if (behind === 0) return { key, kind: 'current', behind, rank: RANK.current, label: 'current' };
  if (behind < 0) {
    const label = `${-behind} newer`;
    return { key, kind: 'ahead', behind, rank: RANK.ahead, label };
  }
  const rank = BEHIND_BASE + Math.min(behind, MAX_BEHIND_RANKED);
  return { key, kind: 'behind', behind, rank, label: `${behind} behind` };
}

/** Orders categories worst first; equal ranks by key so the order is stable. */
export function compareWorstFirst(a: Category, b: Category): number {
  return b.rank - a.rank || a.key.localeCompare(b.key, undefined, { numeric: true });
}
