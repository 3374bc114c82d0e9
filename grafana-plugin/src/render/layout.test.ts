import { describe, expect, it } from 'vitest';

import { makeGrid } from '../data/grid';
import { type SkewMap } from '../data/shape';
import { hitTest, makeLayout } from './layout';

const map = {
  grid: makeGrid(0, 1000, 400, 4),
  rows: [{}, {}, {}],
  categories: [],
  skewQuery: 'A',
} as unknown as SkewMap;
const layout = makeLayout(map, 500, 100, 20);

describe('hitTest', () => {
  it.each([
    [100, 0, { row: 0, bucket: 0 }],
    [499, 59, { row: 2, bucket: 99 }],
    [50, 25, { row: 1, bucket: -1 }],
    [300, 60, null],
    [-1, 5, null],
  ])('maps (%d, %d) to %j', (x, y, expected) => {
    expect(hitTest(map, layout, x, y)).toEqual(expected);
  });
});
