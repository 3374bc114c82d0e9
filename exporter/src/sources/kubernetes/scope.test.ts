import { describe, expect, it } from 'vitest';

import { namespaceFilter, parseShard, shardOf, watchedNamespaces } from './scope.js';

describe('parseShard', () => {
  it.each([
    ['0/1', { index: 0, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    ['4/4', undefined],
    ['1/0', undefined],
    ['-1/2', undefined],
    ['1', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parseShard(text)).toEqual(expected);
  });
});

describe('namespaceFilter', () => {
  it('keeps included namespaces and drops excluded ones', () => {
    const inScope = namespaceFilter({ include: ['shop', 'infra'], exclude: ['infra'] });

    expect(['shop', 'infra', 'other'].filter(inScope)).toEqual(['shop']);
  });

  it('splits namespaces between shards so that each belongs to exactly one', () => {
    const namespaces = Array.from({ length: 200 }, (_, i) => `team-${i}`);
    const shards = [0, 1, 2].map((index) =>
      namespaces.filter(namespaceFilter({ shard: { index, count: 3 } })),
    );

    expect(shards.flat().sort()).toEqual([...namespaces].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(40);
    expect(shardOf('team-7', 3)).toBe(shardOf('team-7', 3));
  });
});

describe('watchedNamespaces', () => {
  it('watches cluster-wide without an include list, else each included namespace in scope', () => {
    expect(watchedNamespaces({})).toEqual([undefined]);
    expect(watchedNamespaces({ include: ['a', 'b'], exclude: ['b'] })).toEqual(['a']);
  });
});
