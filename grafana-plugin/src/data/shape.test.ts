import { describe, expect, it } from 'vitest';

import { promFrames, STEP, T0, unevenFrame, wideFrame } from '../test/frames';
import { DEFAULT_OPTIONS, type SkewMapOptions } from '../types';
import { cellAt } from './rows';
import { buildSkewMap, type SkewMap } from './shape';

const RANGE = { from: T0, to: T0 + 10 * STEP };

/** Shapes with one bucket per step (10 px per bucket over 100 px) unless told otherwise. */
function shape(frames: Parameters<typeof buildSkewMap>[0], options: Partial<SkewMapOptions> = {}) {
  return buildSkewMap(frames, { ...DEFAULT_OPTIONS, minCellWidth: 10, ...options }, RANGE, 100);
}

function mapOf(result: ReturnType<typeof shape>): SkewMap {
  if (!('map' in result)) throw new Error(`expected a map, got error: ${result.message}`);
  return result.map;
}

/** Each cell as its worst category key, '.' for no data. */
function worstKeys(map: SkewMap, row: string): string[] {
  const found = map.rows.find((candidate) => candidate.key === row);
  if (!found) throw new Error(`no row ${row}`);
  return Array.from(found.winners, (_, bucket) => cellAt(found, bucket)?.worst.key ?? '.');
}

const r = (region: string, behind: string) => ({ region, releases_behind: behind });
const full = (value: number) => Array.from({ length: 10 }, () => value);

describe('buildSkewMap', () => {
  it('makes one row per region from one frame per series and stacks releases in a cell', () => {
    const frames = promFrames('A', [
      { labels: r('eu-west', '0'), values: full(3) },
      { labels: r('eu-west', '1'), values: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
      { labels: r('edge-fra', '2'), values: full(2) },
    ]);
    const map = mapOf(shape(frames));

    expect(map.rows.map((row) => row.key)).toEqual(['edge-fra', 'eu-west']);
    expect(worstKeys(map, 'eu-west')).toEqual(['1', '1', '0', '0', '0', '0', '0', '0', '0', '0']);
    const first = cellAt(map.rows[1]!, 0)!;
    expect(first.counts.map((entry) => [entry.category.key, entry.count])).toEqual([
      ['1', 1],
      ['0', 3],
    ]);
    expect(first.total).toBe(4);
  });

  it('reads a wide frame (shared time field) the same as one frame per series', () => {
    const specs = [
      { labels: r('eu-west', '0'), values: [3, 3, null, 3, 3, 3, 3, 3, 3, 3] },
      { labels: r('eu-west', 'unexpected'), values: [null, 1, null, null, 0, 0, 0, 0, 0, 0] },
    ];
    const wide = mapOf(shape([wideFrame('A', specs)]));
    const split = mapOf(shape(promFrames('A', specs)));

    expect(worstKeys(wide, 'eu-west')).toEqual(worstKeys(split, 'eu-west'));
    expect(worstKeys(wide, 'eu-west')).toEqual([
      '0',
      'unexpected',
      '.',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
  });

  it('keeps a one-sample excursion when buckets merge: the worst state wins', () => {
    const values = full(4);
    const frames = promFrames('A', [
      { labels: r('us-east', '0'), values },
      { labels: r('us-east', '3'), values: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0] },
    ]);
    // 20 px at 10 px per cell: two buckets of five steps each.
    const merged = buildSkewMap(frames, { ...DEFAULT_OPTIONS, minCellWidth: 10 }, RANGE, 20);

    expect(worstKeys(mapOf(merged), 'us-east')).toEqual(['0', '3']);
    expect(cellAt(mapOf(merged).rows[0]!, 1)!.at).toBe(T0 + 7 * STEP);
  });

  it('shows gaps as no data and does not stretch the last value', () => {
    const frames = promFrames('A', [
      { labels: r('ap-south', '0'), values: [2, 2, null, null, 2, 2, null, null, null, null] },
    ]);
    expect(worstKeys(mapOf(shape(frames)), 'ap-south')).toEqual([
      '0',
      '0',
      '.',
      '.',
      '0',
      '0',
      '.',
      '.',
      '.',
      '.',
    ]);
  });

  it('takes the smallest gap as the step when timestamps are uneven and no interval is given', () => {
    const times = [0, 1, 2, 6, 7].map((step) => T0 + step * STEP);
    const frames = [unevenFrame('A', r('eu-west', '1'), times, [1, 1, 1, 1, 1])];
    expect(worstKeys(mapOf(shape(frames)), 'eu-west')).toEqual([
      '1',
      '1',
      '1',
      '.',
      '.',
      '.',
      '1',
      '1',
      '.',
      '.',
    ]);
  });

  it('fills a row from whichever categories it has when other series are missing', () => {
    const frames = promFrames('A', [
      { labels: r('eu-west', '0'), values: full(3) },
      { labels: r('edge-fra', 'pending'), values: full(1) },
    ]);
    const map = mapOf(shape(frames));
    expect(worstKeys(map, 'edge-fra')).toEqual(full(0).map(() => 'pending'));
    expect(map.categories.map((category) => category.key)).toEqual(['pending', '0']);
  });

  it('ranks categories the contract does not name above unknown and below releases behind', () => {
    const frames = promFrames('A', [
      { labels: r('eu-west', 'sideloaded'), values: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0] },
      { labels: r('eu-west', 'unknown'), values: full(1) },
      { labels: r('eu-west', '1'), values: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1] },
    ]);
    const map = mapOf(shape(frames));
    expect(map.categories.map((category) => [category.key, category.kind])).toEqual([
      ['1', 'behind'],
      ['sideloaded', 'other'],
      ['unknown', 'unknown'],
    ]);
    expect(worstKeys(map, 'eu-west').slice(4, 9)).toEqual([
      'sideloaded',
      'unknown',
      'unknown',
      'unknown',
      '1',
    ]);
  });

  it('counts a sample with no instances at all as no data, not as in sync', () => {
    const frames = promFrames('A', [
      { labels: r('eu-west', '0'), values: [0, 2, ...full(0).slice(2)] },
    ]);
    expect(worstKeys(mapOf(shape(frames)), 'eu-west').slice(0, 3)).toEqual(['.', '0', '.']);
  });

  it('sums series of one row and category (per-workload series under a region row)', () => {
    const frames = promFrames('A', [
      { labels: { ...r('eu-west', '1'), workload: 'checkout' }, values: full(1) },
      { labels: { ...r('eu-west', '1'), workload: 'cart' }, values: full(2) },
    ]);
    expect(cellAt(mapOf(shape(frames)).rows[0]!, 0)!.total).toBe(3);
  });

  it('sorts rows worst first, or by name', () => {
    const frames = promFrames('A', [
      { labels: r('a-region', '0'), values: full(1) },
      { labels: r('b-region', '2'), values: [1, ...full(0).slice(1)] },
      { labels: r('c-region', '2'), values: [1, 1, ...full(0).slice(2)] },
    ]);
    expect(mapOf(shape(frames)).rows.map((row) => row.key)).toEqual([
      'c-region',
      'b-region',
      'a-region',
    ]);
    expect(mapOf(shape(frames, { sortBy: 'name' })).rows.map((row) => row.key)).toEqual([
      'a-region',
      'b-region',
      'c-region',
    ]);
  });

  it('makes rows of region and workload when asked', () => {
    const frames = promFrames('A', [
      { labels: { ...r('eu-west', '0'), workload: 'checkout' }, values: full(1) },
      { labels: { ...r('eu-west', '0'), workload: 'cart' }, values: full(1) },
    ]);
    const map = mapOf(shape(frames, { rowLabels: 'region, workload', sortBy: 'name' }));
    expect(map.rows.map((row) => row.key)).toEqual(['eu-west / cart', 'eu-west / checkout']);
    expect(map.rows[0]!.labels).toEqual({ region: 'eu-west', workload: 'cart' });
  });
});
