import { describe, expect, it } from 'vitest';

import { history, intentOf, workload } from '../verify/testing/builders.js';
import { unconfiguredIntentRegions } from './intent-regions.js';

describe('unconfiguredIntentRegions', () => {
  it('names the intent regions no configured region has, once each', () => {
    const intent = intentOf([
      workload(history(), { regions: { 'edge-fr': { release: '1.14.2' }, 'eu-west': {} } }),
      workload(history(), { name: 'cart', regions: { 'edge-fr': { skip: true } } }),
    ]);
    expect(unconfiguredIntentRegions(intent, ['eu-west', 'edge-fra'])).toEqual(['edge-fr']);
  });

  it('names nothing when every region of the intent is configured', () => {
    const intent = intentOf([workload(history(), { regions: { 'eu-west': { skip: true } } })]);
    expect(unconfiguredIntentRegions(intent, ['eu-west'])).toEqual([]);
  });
});
