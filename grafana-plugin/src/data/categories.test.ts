import { describe, expect, it } from 'vitest';

import { classifyCategory } from './categories';

describe('classifyCategory', () => {
  it.each([
    ['0', 'current', 'current'],
    ['1', 'behind', '1 behind'],
    ['12', 'behind', '12 behind'],
    ['-1', 'ahead', '1 newer'],
    ['pending', 'pending', 'pending'],
    ['unknown', 'unknown', 'unknown'],
    ['unexpected', 'unexpected', 'unexpected'],
    ['canary', 'other', 'canary'],
    ['', 'other', '(none)'],
  ])('classifies %j as %s, labelled %j', (key, kind, label) => {
    expect(classifyCategory(key)).toMatchObject({ key, kind, label });
  });

  it('orders states from in sync to unexpected', () => {
    const order = ['0', '-1', 'pending', 'unknown', 'canary', '1', '2', '40', 'unexpected'];
    const ranks = order.map((key) => classifyCategory(key).rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});
