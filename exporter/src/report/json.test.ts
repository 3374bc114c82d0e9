import { describe, expect, it } from 'vitest';

import { AT, fixtureEvaluation } from '../metrics/testing/fixtures.js';
import type { Finding, Summary } from '../verify/evaluation.js';
import { toFindingsDocument } from './json.js';

describe('toFindingsDocument', () => {
  it('shows regions, findings and summary with times as RFC 3339', () => {
    const document = toFindingsDocument(fixtureEvaluation());

    expect(document).toEqual({
      generatedAt: '2026-12-01T12:00:00.000Z',
      regions: [
        {
          name: 'eu-west',
          source: 'snapshot:eu-west.json',
          up: true,
          health: 'ok',
          lastSync: '2026-12-01T11:59:55.000Z',
        },
        {
          name: 'edge-fra',
          source: 'snapshot:edge-fra.json',
          up: true,
          health: 'stale',
          lastSync: '2026-12-01T11:00:00.000Z',
        },
        {
          name: 'ap-south',
          source: 'kubernetes:ap-south',
          up: false,
          health: 'never-synced',
          lastSync: null,
          error: 'connection refused',
        },
      ],
      findings: [
        {
          region: 'edge-fra',
          namespace: 'shop',
          workload: 'checkout',
          check: 'source',
          class: 'unknown',
          severity: 'watch',
          instances: 0,
          since: '2026-12-01T11:00:00.000Z',
          reason: 'SourceStale',
          message: 'cannot verify: the source of region edge-fra is stale (data is 3600s old)',
        },
        {
          region: 'eu-west',
          namespace: 'shop',
          workload: 'checkout',
          check: 'digest',
          class: 'converging',
          severity: 'watch',
          instances: 1,
          since: '2026-12-01T11:55:00.000Z',
          reason: 'RolloutProgressing',
          message: '1 of 4 serving instances still run 1.14.2; the rollout is progressing',
        },
      ],
      summary: { unexpected: 0, stale: 0, drift: 0, invalid: 0, unknown: 1, converging: 1 },
    });
  });

  it('orders findings most urgent class first, then by region, namespace, workload and check', () => {
    const evaluation = fixtureEvaluation();
    const [unknown, converging] = evaluation.findings as [Finding, Finding];
    evaluation.findings = [
      converging,
      { ...unknown, region: 'b', class: 'drift' },
      { ...unknown, region: 'a', class: 'drift' },
      unknown,
    ];

    const order = toFindingsDocument(evaluation).findings.map((f) => `${f.class}/${f.region}`);

    expect(order).toEqual(['drift/a', 'drift/b', 'unknown/edge-fra', 'converging/eu-west']);
  });

  it('writes null for a finding whose start is unknown, and every class in the summary', () => {
    const evaluation = fixtureEvaluation();
    delete evaluation.findings[0]!.since;
    // An engine that left out the classes it never saw must not change the shape.
    evaluation.summary = { unknown: 1 } as Summary;

    const document = toFindingsDocument(evaluation);

    expect(document.findings[0]!.since).toBeNull();
    expect(Object.keys(document.summary)).toEqual([
      'unexpected',
      'stale',
      'drift',
      'invalid',
      'unknown',
      'converging',
    ]);
  });

  it('survives a round trip through JSON unchanged', () => {
    const document = toFindingsDocument({ ...fixtureEvaluation(), at: AT + 1 });

    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
