/**
 * Field cases F13 (Istio) and F14 (Gateway API) of shared/cases: each API's
 * own rules for missing weights, zero weights, lone destinations and sums
 * that are not 100.
 */
import { describe, expect, it } from 'vitest';

import type { RouteDestinationView } from '../../sources/observations.js';
import { gatewayShares, intendedShares, istioShares, largestGap } from './weights.js';

const to = (backend: string, weight?: number): RouteDestinationView => ({
  backend,
  host: backend,
  ...(weight !== undefined ? { weight } : {}),
});

type Case = [string, RouteDestinationView[], Record<string, number>, string[]];

describe('F13: Istio weights', () => {
  it.each<Case>([
    ['90 and 10 split 90/10', [to('v15', 90), to('v14', 10)], { v15: 0.9, v14: 0.1 }, []],
    [
      '60 and 30 (sum 90) split 66.7/33.3 and are invalid',
      [to('v15', 60), to('v14', 30)],
      { v15: 2 / 3, v14: 1 / 3 },
      ['WeightsNotHundred'],
    ],
    [
      'a destination without weight beside 100 gets 0%',
      [to('v15', 100), to('v14')],
      { v15: 1, v14: 0 },
      [],
    ],
    ['a lone destination gets 100% without a weight', [to('v15')], { v15: 1 }, []],
    ['a lone destination gets 100% whatever its weight', [to('v15', 30)], { v15: 1 }, []],
    [
      'all zero is invalid: nothing gets traffic',
      [to('v15', 0), to('v14', 0)],
      { v15: 0, v14: 0 },
      ['AllWeightsZero'],
    ],
    [
      'no weights at all is all zero',
      [to('v15'), to('v14')],
      { v15: 0, v14: 0 },
      ['AllWeightsZero'],
    ],
    ['no destination is invalid', [], {}, ['NoDestinations']],
    [
      'a negative weight counts as 0 and is invalid',
      [to('v15', 100), to('v14', -10)],
      { v15: 1, v14: 0 },
      ['NegativeWeight'],
    ],
    [
      'one subset twice gets both parts',
      [to('v15', 50), to('v15', 40), to('v14', 10)],
      { v15: 0.9, v14: 0.1 },
      [],
    ],
  ])('%s', (_name, destinations, shares, problems) => {
    const split = istioShares(destinations);

    expect(split.shares).toEqual(sharesCloseTo(shares));
    expect(split.problems).toEqual(problems);
  });
});

describe('F14: Gateway API weights', () => {
  it.each<Case>([
    ['two backends without weights split 50/50', [to('a'), to('b')], { a: 0.5, b: 0.5 }, []],
    ['weights 3 and 1 split 75/25', [to('a', 3), to('b', 1)], { a: 0.75, b: 0.25 }, []],
    ['a sum other than 100 is fine', [to('a', 60), to('b', 30)], { a: 2 / 3, b: 1 / 3 }, []],
    ['a missing weight counts 1 beside 1', [to('a', 1), to('b')], { a: 0.5, b: 0.5 }, []],
    ['a weight of 0 sends nothing', [to('a', 0), to('b', 2)], { a: 0, b: 1 }, []],
    [
      'all zero is invalid: the route answers 500',
      [to('a', 0), to('b', 0)],
      { a: 0, b: 0 },
      ['AllWeightsZero'],
    ],
    ['a lone backend of weight 0 is invalid', [to('a', 0)], { a: 0 }, ['AllWeightsZero']],
    ['a lone backend without weight gets 100%', [to('a')], { a: 1 }, []],
    ['no backendRefs is invalid', [], {}, ['NoDestinations']],
  ])('%s', (_name, destinations, shares, problems) => {
    const split = gatewayShares(destinations);

    expect(split.shares).toEqual(sharesCloseTo(shares));
    expect(split.problems).toEqual(problems);
  });
});

describe('intended weights', () => {
  it('are relative: 9 and 1 mean 90/10', () => {
    expect(intendedShares({ v15: 9, v14: 1 })).toEqual({
      shares: { v15: 0.9, v14: 0.1 },
      problems: [],
    });
  });

  it('cannot all be zero', () => {
    expect(intendedShares({ v15: 0 }).problems).toEqual(['AllWeightsZero']);
  });
});

describe('largestGap', () => {
  it('counts a backend missing from one side as 0 there', () => {
    expect(largestGap({ v15: 0.7, v13: 0.3 }, { v15: 1, v14: 0 })).toBeCloseTo(0.3);
  });

  it('is 0 for equal splits', () => {
    expect(largestGap({ a: 0.5, b: 0.5 }, { b: 0.5, a: 0.5 })).toBe(0);
  });
});

function sharesCloseTo(shares: Record<string, number>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(shares).map(([backend, share]) => [backend, expect.closeTo(share, 9)]),
  );
}
