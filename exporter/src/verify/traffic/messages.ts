/**
 * Traffic findings: one per reason, each with a sentence a person can act on.
 */
import type { Finding, FindingClass } from '../evaluation.js';
import { SEVERITY } from '../evaluation.js';
import type { Shares } from './weights.js';

/** Where a traffic finding is, and what it is about. */
export interface TrafficScope {
  region: string;
  namespace: string;
  workload: string;
  service: string;
}

/** What one traffic finding says. */
export interface TrafficIssue {
  class: FindingClass;
  reason: string;
  since?: number;
  /** The route the finding is about, `VirtualService shop/checkout`. */
  route?: string;
  /** The route's own reason, or why the observed share is unknown. */
  detail?: string;
  intended?: Shares;
  /** The declared or observed split the intended one is compared with. */
  actual?: Shares;
}

/** Builds the finding of one traffic issue. */
export function trafficFinding(scope: TrafficScope, issue: TrafficIssue): Finding {
  return {
    region: scope.region,
    namespace: scope.namespace,
    workload: scope.workload,
    check: 'traffic',
    class: issue.class,
    severity: SEVERITY[issue.class],
    instances: 0,
    ...(issue.since !== undefined ? { since: issue.since } : {}),
    reason: issue.reason,
    message: describe(scope, issue),
  };
}

function describe(scope: TrafficScope, issue: TrafficIssue): string {
  const route = issue.route ?? `the route of ${scope.service}`;
  const intended = formatShares(issue.intended ?? {});
  const actual = formatShares(issue.actual ?? {});
  const detail = issue.detail !== undefined ? ` (${issue.detail})` : '';
  const text: Record<string, string> = {
    IntendedWeightsInvalid: `the intended weights of ${scope.service} give no backend any traffic`,
    RouteNotFound:
      `no VirtualService, HTTPRoute or Rollout splits ${scope.service}; ` + `intended ${intended}`,
    RouteNotAccepted:
      `${route} is not accepted by its parent${detail}; ` + 'its weights are not in force',
    RouteAcceptancePending: `${route} is not yet in force for its current spec${detail}`,
    WeightsNotHundred:
      `${route}: the weights of the default rule do not add up to 100; ` + `they split ${actual}`,
    AllWeightsZero:
      `${route}: every weight of the default rule is 0, ` +
      'so no backend receives traffic and requests fail',
    NegativeWeight: `${route}: a weight of the default rule is negative and counts as 0`,
    NoDestinations: `${route}: the default rule routes to no backend`,
    CanaryInProgress:
      `${route} splits ${actual} while the Rollout moves traffic to its canary; ` +
      `intended ${intended}`,
    WeightChangeInProgress:
      `${route} splits ${actual}, not yet the intended ${intended}; ` + 'within the rollout grace',
    DeclaredWeightsDiffer: `${route} splits ${actual}; intended ${intended}`,
    TrafficSettling:
      `requests split ${actual}, not yet ${intended}; ` +
      'within the settle window after a weight change',
    ObservedWeightsDiffer: `requests split ${actual}; routing does not follow ${intended}`,
    ObservedTrafficUnknown: `the observed split of ${scope.service} is unknown${detail}`,
  };
  return text[issue.reason] ?? `${scope.service}: ${issue.reason}`;
}

/** `v15 90.0%, v14 10.0%`, backends in name order so messages are stable. */
export function formatShares(shares: Shares): string {
  const entries = Object.keys(shares)
    .sort()
    .map((backend) => `${backend} ${((shares[backend] ?? 0) * 100).toFixed(1)}%`);
  return entries.length > 0 ? entries.join(', ') : 'nothing';
}
