import { describe, expect, it } from 'vitest';

import { classifyCategory } from '../data/categories';
import { MIN_SEGMENT, stackSegments } from './segments';

const count = (key: string, n: number) => ({ category: classifyCategory(key), count: n });

describe('stackSegments', () => {
  it('splits the height by share, worst on top, filling it exactly', () => {
    const segments = stackSegments([count('1', 1), count('0', 3)], 22);
    expect(segments.map((s) => [s.category.key, s.y, s.height])).toEqual([
      ['1', 0, 7],
      ['0', 7, 15],
    ]);
  });

  it('keeps one instance in a thousand visible at the minimum height', () => {
    const [worst] = stackSegments([count('unexpected', 1), count('0', 999)], 22);
    expect(worst!.height).toBe(MIN_SEGMENT);
  });

  it('keeps the worst categories when not all fit', () => {
    const segments = stackSegments([count('3', 1), count('2', 1), count('1', 1), count('0', 1)], 7);
    expect(segments.map((s) => s.category.key)).toEqual(['3', '2']);
    expect(segments.at(-1)!.y + segments.at(-1)!.height).toBe(7);
  });
});
