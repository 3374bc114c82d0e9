/**
 * Bounded cardinality for `realitycheck_instances`: per workload at most N
 * distinct digests keep their own series; the rest are summed under
 * `digest="other"`, so a crash-looping rollout of many builds cannot blow up
 * the label set.
 */
import type { InstanceCount, IntendedInfo } from '../verify/evaluation.js';

/** The digest and version label of instances whose digest was folded. */
export const FOLDED = 'other';

/** The instance rows of one workload after folding. */
export interface FoldedInstances {
  /** One row per (container, digest, version, releasesBehind), input order. */
  rows: InstanceCount[];
  /** How many distinct digests were folded into `other`. */
  foldedDigests: number;
}

/**
 * Keeps the intended digests first, then those with the most instances (ties
 * by digest, so that the choice is stable between scrapes), and folds the
 * rest by summing their counts per container and `releasesBehind`. Rows
 * without a digest (pending, unreadable) are not digests and never folded.
 */
export function foldDigests(
  instances: readonly InstanceCount[],
  intended: readonly IntendedInfo[],
  limit: number,
): FoldedInstances {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`digestsPerWorkload must be a whole number of at least 1, got ${limit}`);
  }
  const kept = new Set(rankDigests(instances, intended).slice(0, limit));

  const rows = new Map<string, InstanceCount>();
  const folded = new Set<string>();
  for (const row of instances) {
    const keep = row.digest === '' || kept.has(row.digest);
    if (!keep) folded.add(row.digest);
    addRow(rows, keep ? row : { ...row, digest: FOLDED, version: FOLDED });
  }
  return { rows: [...rows.values()], foldedDigests: folded.size };
}

/** Every digest of the workload, most deserving of its own series first. */
function rankDigests(
  instances: readonly InstanceCount[],
  intended: readonly IntendedInfo[],
): string[] {
  const totals = new Map<string, number>();
  for (const row of instances) {
    if (row.digest !== '') totals.set(row.digest, (totals.get(row.digest) ?? 0) + row.count);
  }

  // An intended digest with no instance would only waste a slot.
  const first = [...new Set(intended.map((i) => i.digest))].filter((d) => totals.has(d));
  const rest = [...totals.entries()]
    .filter(([digest]) => !first.includes(digest))
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([digest]) => digest);
  return [...first, ...rest];
}

/** Adds a row, summing with an earlier row of the same labels. */
function addRow(rows: Map<string, InstanceCount>, row: InstanceCount): void {
  const key = [row.container, row.digest, row.version, row.releasesBehind].join('\u0000');
  const earlier = rows.get(key);
  rows.set(key, earlier ? { ...earlier, count: earlier.count + row.count } : { ...row });
}
