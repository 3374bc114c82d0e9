/** The checker of self-consistency must itself catch an inconsistent answer. */
import { describe, expect, it } from 'vitest';

import { findingsProblems, metricsProblems } from './support/consistency.js';

const labels = 'region="eu",namespace="shop",workload="api",container="app"';
const exposition = (ratio: string) =>
  [
    'realitycheck_build_info{version="0",revision="x"} 1',
    `realitycheck_instances{${labels},digest="a",version="1.4",releases_behind="0"} 2`,
    `realitycheck_instances{${labels},digest="b",version="1.2",releases_behind="2"} 1`,
    `realitycheck_instances{${labels},digest="c",version="",releases_behind="pending"} 5`,
    `realitycheck_digest_mismatch_ratio{${labels}} ${ratio}`,
    '',
  ].join('\n');

describe('the consistency checker', () => {
  it('accepts a ratio that matches the instances beside it', () => {
    expect(metricsProblems(exposition(String(1 / 3)))).toEqual([]);
  });

  it('catches a ratio from another evaluation, and a missing family', () => {
    expect(metricsProblems(exposition('0.5'))).toEqual([
      'eu/shop/api/app: ratio 0.5, instances say 1/3',
    ]);
    expect(metricsProblems('')).toEqual([
      'realitycheck_build_info missing: the answer is incomplete',
    ]);
  });

  it('catches a findings summary that does not count its findings', () => {
    const text = JSON.stringify({
      regions: [],
      findings: [{ class: 'stale' }],
      summary: { stale: 2 },
    });
    expect(findingsProblems(text)).toEqual(['summary says 2 stale, 1 listed']);
  });
});
