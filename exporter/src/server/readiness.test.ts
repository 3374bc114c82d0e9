import { describe, expect, it } from 'vitest';

import { AT, fixturePublication } from '../metrics/testing/fixtures.js';
import { readinessOf } from './readiness.js';

describe('readinessOf', () => {
  it('is not ready before the intent has loaded', () => {
    const publication = { ...fixturePublication(), intent: { loadOk: false } };

    expect(readinessOf(publication)).toEqual({ ready: false, reason: 'intent not loaded yet' });
  });

  it('names the regions that never synced', () => {
    expect(readinessOf(fixturePublication())).toEqual({
      ready: false,
      reason: 'regions not synced yet: ap-south',
    });
  });

  it('stays ready when a region that synced once goes down: that is data, not unreadiness', () => {
    const publication = fixturePublication();
    publication.evaluation.regions = publication.evaluation.regions.map((region) => ({
      ...region,
      up: false,
      health: 'down' as const,
      lastSync: AT - 1_000,
    }));

    expect(readinessOf(publication)).toEqual({ ready: true });
  });
});
