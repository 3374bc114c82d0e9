/**
 * The reported layer in the engine: what instances said about themselves,
 * against the intended flags and against the release of their own digest.
 */
import { describe, expect, it } from 'vitest';

import type { ProbeSpec } from '../../intent/model.js';
import type { InstanceReportView } from '../../sources/config-views.js';
import type { PodView } from '../../sources/observations.js';
import { evaluate } from '../evaluate.js';
import {
  cluster,
  container,
  DA,
  DB,
  deployment,
  history,
  intentOf,
  MINUTE,
  NOW,
  observed,
  pod,
  R,
  workload,
} from '../testing/builders.js';
import { sameFlag } from './reported.js';

const PROBE: ProbeSpec = { port: 8080, path: '/version', format: 'json', timeoutMs: 2_000 };

/** `shop/api` intending 1.15.0 with `new-checkout: true`, released `releasedAgo` ago. */
function intended(probe: ProbeSpec | null = PROBE, releasedAgo = 60 * MINUTE) {
  const [first, ...rest] = history(releasedAgo);
  const flags = { 'new-checkout': true, 'max-items': 50 };
  return workload([{ ...first!, flags }, ...rest], probe ? { probe } : {});
}

const report = (p: PodView, fields: Partial<InstanceReportView> = {}): InstanceReportView =>
  ({
    namespace: 'shop',
    pod: p.name,
    at: NOW - 10_000,
    ok: true,
    version: '1.15.0',
    flags: { 'new-checkout': true, 'max-items': 50 },
    ...fields,
  }) as InstanceReportView;

function run(pods: PodView[], reports: InstanceReportView[], intent = intended()) {
  const state = { ...cluster([deployment(`${R}:1.15.0@${DA}`)], pods), reports };
  return evaluate({ intent: intentOf([intent]), regions: [observed(state)], now: NOW });
}

const reportedFindings = (evaluation: ReturnType<typeof run>) =>
  evaluation.findings
    .filter((f) => f.check === 'flag' || f.reason === 'ReportedVersionContradictsDigest')
    .map((f) => `${f.check}/${f.class}/${f.reason}/${f.instances}`);

describe('the reported layer', () => {
  it('finds nothing when every instance reports the intended version and flags', () => {
    const pods = [pod([container(`${R}@${DA}`)]), pod([container(`${R}@${DA}`)])];

    const result = run(
      pods,
      pods.map((p) => report(p)),
    );

    expect(reportedFindings(result)).toEqual([]);
    expect(result.workloads[0]!.config?.flagMismatch).toEqual([
      { container: 'app', flag: 'new-checkout', instances: 0 },
      { container: 'app', flag: 'max-items', instances: 0 },
    ]);
    expect(result.workloads[0]!.config?.intendedChecks).toEqual(['flag']);
  });

  it('counts instances whose flag differs, by flag name, as drift after the grace', () => {
    const pods = [pod([container(`${R}@${DA}`)]), pod([container(`${R}@${DA}`)])];
    const off = report(pods[1]!, { flags: { 'new-checkout': false, 'max-items': 50 } });

    const result = run(pods, [report(pods[0]!), off]);

    expect(reportedFindings(result)).toEqual(['flag/drift/FlagDiffers/1']);
    expect(result.workloads[0]!.config?.flagMismatch).toContainEqual({
      container: 'app',
      flag: 'new-checkout',
      instances: 1,
    });
  });

  it('reports a differing flag as converging within the rollout grace', () => {
    const [one] = [pod([container(`${R}@${DA}`)])];
    const off = report(one!, { flags: { 'new-checkout': 0, 'max-items': 50 } });

    const result = run([one!], [off], intended(PROBE, 5 * MINUTE));

    expect(reportedFindings(result)).toEqual(['flag/converging/FlagDiffers/1']);
  });

  it('reports an instance whose version contradicts its digest as unexpected', () => {
    const [liar] = [pod([container(`${R}@${DA}`)])];

    const result = run([liar!], [report(liar!, { version: '1.14.2' })]);

    expect(reportedFindings(result)).toEqual([
      'digest/unexpected/ReportedVersionContradictsDigest/1',
    ]);
  });

  it('takes v1.15.0 for 1.15.0, and says nothing of a version on an old digest that matches', () => {
    const pods = [pod([container(`${R}@${DA}`)]), pod([container(`${R}@${DB}`)])];

    const result = run(pods, [
      report(pods[0]!, { version: 'v1.15.0' }),
      report(pods[1]!, { version: '1.14.2' }),
    ]);

    expect(reportedFindings(result)).toEqual([]);
  });

  it('keeps a failed or missing probe unknown, counted, never drift', () => {
    const pods = [pod([container(`${R}@${DA}`)]), pod([container(`${R}@${DA}`)])];
    const failed = { namespace: 'shop', pod: pods[0]!.name, at: NOW, ok: false, error: 'HTTP 500' };

    const result = run(pods, [failed as InstanceReportView]);

    expect(reportedFindings(result)).toEqual(['flag/unknown/ProbeFailed/2']);
    expect(result.workloads[0]!.config?.probeFailures).toBe(2);
  });

  it('compares nothing for a workload without a probe, whatever instances report', () => {
    const [one] = [pod([container(`${R}@${DA}`)])];

    const result = run([one!], [report(one!, { version: '9.9.9' })], intended(null));

    expect(reportedFindings(result)).toEqual([]);
    expect(result.workloads[0]!.config?.flagMismatch).toEqual([]);
    expect(result.workloads[0]!.config?.intendedChecks).toEqual([]);
  });
});

describe('sameFlag', () => {
  it.each([
    [true, true, true],
    [true, 1, true],
    [true, 'true', true],
    [false, 0, true],
    [false, 'false', true],
    [true, 0, false],
    [false, undefined, false],
    [50, '50', true],
    [50, 51, false],
    ['blue', 'blue', true],
    ['blue', 'Blue', false],
  ] as const)('intended %j, reported %j: same is %j', (intendedValue, reported, same) => {
    expect(sameFlag(intendedValue, reported)).toBe(same);
  });
});
