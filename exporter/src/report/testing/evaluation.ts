/** A small evaluation for report tests: one stale finding, one converging, two regions. */
import type { Evaluation } from '../../verify/evaluation.js';

export const REPORT_NOW = Date.parse('2026-12-01T12:00:00Z');

export function sampleEvaluation(): Evaluation {
  return {
    at: REPORT_NOW,
    regions: [
      {
        region: 'eu-west',
        source: 'snapshot:/s/eu-west.json',
        up: true,
        health: 'ok',
        lastSync: REPORT_NOW - 5000,
      },
      {
        region: 'edge-fra',
        source: 'snapshot:/s/edge-fra.json',
        up: false,
        health: 'down',
        error: 'edge-fra.json: unexpected end of JSON input',
      },
    ],
    workloads: [],
    findings: [
      {
        region: 'eu-west',
        namespace: 'shop',
        workload: 'checkout',
        check: 'digest',
        class: 'stale',
        severity: 'action',
        instances: 2,
        since: REPORT_NOW - 9 * 86_400_000,
        reason: 'ReleasesBehind',
        message: '2 of 4 instances run 1.13.0, 2 or more releases behind 1.15.0',
      },
      {
        region: 'edge-fra',
        namespace: 'shop',
        workload: 'checkout',
        check: 'source',
        class: 'unknown',
        severity: 'watch',
        instances: 0,
        reason: 'SourceDown',
        message: 'cannot verify | source down',
      },
    ],
    summary: { unexpected: 0, stale: 1, drift: 0, invalid: 0, unknown: 1, converging: 0 },
  };
}
