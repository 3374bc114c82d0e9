import { describe, expect, it } from 'vitest';

import { fixturePublication } from '../metrics/testing/fixtures.js';
import { createMetricsCache } from './metrics-cache.js';

describe('createMetricsCache', () => {
  it('renders a publication once, however often it is asked for', async () => {
    let renders = 0;
    const cache = createMetricsCache(async () => `text ${++renders}`);
    const publication = fixturePublication();

    const texts = await Promise.all([cache.textFor(publication), cache.textFor(publication)]);

    expect(texts).toEqual(['text 1', 'text 1']);
    expect(await cache.textFor(publication)).toBe('text 1');
  });

  it('renders anew for a new publication object', async () => {
    let renders = 0;
    const cache = createMetricsCache(async () => `text ${++renders}`);

    await cache.textFor(fixturePublication());

    expect(await cache.textFor(fixturePublication())).toBe('text 2');
  });

  it('forgets a failed render so that the next scrape tries again', async () => {
    let calls = 0;
    const cache = createMetricsCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('render failed');
      return 'recovered';
    });
    const publication = fixturePublication();

    await expect(cache.textFor(publication)).rejects.toThrow('render failed');

    expect(await cache.textFor(publication)).toBe('recovered');
  });
});
