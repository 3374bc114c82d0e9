import { describe, expect, it } from 'vitest';

import type { InstanceCount, IntendedInfo } from '../verify/evaluation.js';
import { FOLDED, foldDigests } from './fold-digests.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function row(d: string, count: number, releasesBehind = 'unexpected', container = 'app') {
  return { container, digest: d, version: '', releasesBehind, count } satisfies InstanceCount;
}

const intendedA: IntendedInfo[] = [{ container: 'app', digest: digest('a'), version: '2.0.0' }];

describe('foldDigests', () => {
  it('keeps every digest when the workload has no more than the limit', () => {
    const instances = [row(digest('a'), 3, '0'), row(digest('b'), 1, '1')];

    expect(foldDigests(instances, intendedA, 2)).toEqual({ rows: instances, foldedDigests: 0 });
  });

  it('keeps the intended digest even when it has the fewest instances', () => {
    const instances = [row(digest('c'), 9), row(digest('b'), 5), row(digest('a'), 1, '0')];

    const { rows, foldedDigests } = foldDigests(instances, intendedA, 2);

    expect(rows.map((r) => [r.digest, r.count])).toEqual([
      [digest('c'), 9],
      [FOLDED, 5],
      [digest('a'), 1],
    ]);
    expect(foldedDigests).toBe(1);
  });

  it('sums folded digests per container and releases_behind under digest and version "other"', () => {
    const instances = [
      row(digest('a'), 4, '0'),
      row(digest('b'), 3, 'unexpected'),
      row(digest('c'), 2, 'unexpected'),
      row(digest('d'), 1, '2'),
      row(digest('e'), 1, 'unexpected', 'sidecar'),
    ];

    const { rows, foldedDigests } = foldDigests(instances, intendedA, 2);

    expect(rows).toEqual([
      row(digest('a'), 4, '0'),
      row(digest('b'), 3, 'unexpected'),
      { ...row(FOLDED, 2, 'unexpected'), version: FOLDED },
      { ...row(FOLDED, 1, '2'), version: FOLDED },
      { ...row(FOLDED, 1, 'unexpected', 'sidecar'), version: FOLDED },
    ]);
    expect(foldedDigests).toBe(3);
  });

  it('breaks ties in count by digest, so the kept set does not flap between scrapes', () => {
    const instances = [row(digest('f'), 2), row(digest('e'), 2), row(digest('d'), 2)];

    const kept = foldDigests(instances, [], 2).rows.map((r) => r.digest);

    expect(kept).toEqual([FOLDED, digest('e'), digest('d')]);
  });

  it('never folds or counts rows without a digest (pending, unreadable)', () => {
    const instances = [row(digest('a'), 1, '0'), row('', 5, 'pending'), row(digest('b'), 1)];

    const { rows, foldedDigests } = foldDigests(instances, intendedA, 1);

    expect(rows.map((r) => r.digest)).toEqual([digest('a'), '', FOLDED]);
    expect(foldedDigests).toBe(1);
  });

  it('sums duplicate rows of the same labels instead of letting the last one win', () => {
    const instances = [row(digest('a'), 2, '0'), row(digest('a'), 3, '0')];

    expect(foldDigests(instances, intendedA, 8).rows).toEqual([row(digest('a'), 5, '0')]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a limit of %s, naming it', (limit) => {
    expect(() => foldDigests([], [], limit)).toThrow(`at least 1, got ${limit}`);
  });
});
