import { describe, expect, it } from 'vitest';

import { backoffDelay, BACKOFF_JITTER, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the first pause up to the limit', () => {
    const noJitter = () => 0;

    expect([1, 2, 3, 10, 50].map((n) => backoffDelay(DEFAULT_BACKOFF, n, noJitter))).toEqual([
      800, 1_600, 3_200, 30_000, 30_000,
    ]);
  });

  it('adds at most the jitter share', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 1)).toBe(800 * (1 + BACKOFF_JITTER));
  });
});
