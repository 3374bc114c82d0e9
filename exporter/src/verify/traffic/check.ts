/**
 * The traffic check of one workload in one region: intended vs declared
 * (the route) and declared vs observed (the requests), each gap beyond the
 * tolerance classified as converging or drift, and every route that cannot
 * be right reported as invalid, never as skew.
 */
import type { IntendedTraffic, IntendedWorkload } from '../../intent/model.js';
import type { RouteView, WorkloadView } from '../../sources/observations.js';
import type { Finding, TrafficVerdict } from '../evaluation.js';
import { declaredTraffic, type DeclaredTraffic } from './declared.js';
import { trafficFinding, type TrafficIssue, type TrafficScope } from './messages.js';
import type { ObservedService } from './observed.js';
import { intendedShares, largestGap, type Shares } from './weights.js';

/** DESIGN.md / issue 5: a share may be off by 5 percentage points before it counts. */
export const DEFAULT_TOLERANCE_POINTS = 5;
/**
 * Long enough for pinned HTTP/2 and keep-alive connections to move, and
 * longer than the default 5m query window, whose rate still holds the old split.
 */
export const DEFAULT_SETTLE_MS = 10 * 60_000;

/** Shares are floating point; a gap this much over the tolerance is still within it. */
const EPSILON = 1e-9;

/** What the traffic check reads. */
export interface TrafficContext {
  region: string;
  intent: IntendedWorkload;
  /** The region's intended traffic (its override, else the workload's). */
  traffic: IntendedTraffic;
  view?: WorkloadView;
  routes: readonly RouteView[];
  /** Undefined when the region has no observed layer configured. */
  observed?: ObservedService;
  /** When the intended release became intended. */
  intendedSince: number;
  now: number;
}

/** The traffic verdict of a workload and its findings. */
export interface TrafficResult {
  verdict: TrafficVerdict;
  findings: Finding[];
}

/** Runs the traffic check. */
export function checkTraffic(ctx: TrafficContext): TrafficResult {
  const scope: TrafficScope = {
    region: ctx.region,
    namespace: ctx.intent.namespace,
    workload: ctx.intent.name,
    service: ctx.traffic.service,
  };
  const intended = intendedShares(ctx.traffic.backends);
  const declared = declaredTraffic({
    service: ctx.traffic.service,
    namespace: ctx.intent.namespace,
    backends: Object.keys(ctx.traffic.backends),
    routes: ctx.routes,
    ...(ctx.view !== undefined ? { view: ctx.view } : {}),
  });
  const observed = ctx.observed?.state === 'ok' ? ctx.observed.shares : undefined;

  const issues: TrafficIssue[] = [
    ...(intended.problems.length > 0
      ? [{ class: 'invalid' as const, reason: 'IntendedWeightsInvalid' }]
      : []),
    ...routeIssues(declared, intended.shares),
    ...compareDeclared(ctx, intended.shares, declared),
    ...compareObserved(ctx, intended.shares, declared, observed),
  ];
  return {
    verdict: verdictOf(ctx.traffic.service, intended.shares, declared.shares, observed),
    findings: issues.map((issue) => trafficFinding(scope, issue)),
  };
}

function routeIssues(declared: DeclaredTraffic, intended: Shares): TrafficIssue[] {
  return declared.problems.map((problem) => ({
    class: problem.class,
    reason: problem.reason,
    ...(declared.source !== undefined ? { route: declared.source } : {}),
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    ...(declared.changedAt !== undefined ? { since: declared.changedAt } : {}),
    intended,
    ...(declared.shares !== undefined ? { actual: declared.shares } : {}),
  }));
}

/**
 * Intended vs declared. Only a change of the intent explains a route that
 * lags behind it (the sync has not reached it yet), so the rollout grace is
 * counted from the intended change; a Rollout moving weight to its canary
 * is converging for as long as it does.
 */
function compareDeclared(
  ctx: TrafficContext,
  intended: Shares,
  declared: DeclaredTraffic,
): TrafficIssue[] {
  const changedAt = intendedChangedAt(ctx);
  if (declared.source === undefined) {
    const found = converging(ctx.now, changedAt, ctx.intent.rolloutGraceMs)
      ? 'converging'
      : 'drift';
    return [{ class: found, reason: 'RouteNotFound', since: changedAt, intended }];
  }
  // A route that cannot be right is reported as invalid, never also as skew (F13).
  if (declared.problems.some((problem) => problem.class === 'invalid')) return [];
  if (declared.shares === undefined || !beyondTolerance(ctx, intended, declared.shares)) return [];

  const base = { route: declared.source, intended, actual: declared.shares };
  const since = Math.max(changedAt, declared.changedAt ?? changedAt);
  if (declared.canaryInProgress)
    return [{ ...base, class: 'converging', reason: 'CanaryInProgress', since }];
  if (converging(ctx.now, changedAt, ctx.intent.rolloutGraceMs)) {
    return [{ ...base, class: 'converging', reason: 'WeightChangeInProgress', since: changedAt }];
  }
  return [{ ...base, class: 'drift', reason: 'DeclaredWeightsDiffer', since }];
}

/**
 * Declared (or, without a route in force, intended) vs observed. Requests
 * follow a weight change slowly, so for the settle window after the last
 * change of either weight a gap is converging; after it, drift.
 */
function compareObserved(
  ctx: TrafficContext,
  intended: Shares,
  declared: DeclaredTraffic,
  observed: Shares | undefined,
): TrafficIssue[] {
  if (ctx.observed === undefined) return [];
  if (ctx.observed.state === 'unknown') {
    const detail = ctx.observed.detail;
    return [{ class: 'unknown', reason: 'ObservedTrafficUnknown', detail }];
  }

  const expected = declared.shares ?? intended;
  if (observed === undefined || !beyondTolerance(ctx, expected, observed)) return [];
  const since = Math.max(intendedChangedAt(ctx), declared.changedAt ?? 0);
  const settling = converging(ctx.now, since, ctx.traffic.settleMs ?? DEFAULT_SETTLE_MS);
  return [
    {
      class: settling ? 'converging' : 'drift',
      reason: settling ? 'TrafficSettling' : 'ObservedWeightsDiffer',
      since,
      intended: expected,
      actual: observed,
    },
  ];
}

/** When the intended weights last changed: the intent's own `changed`, or the release's time. */
function intendedChangedAt(ctx: TrafficContext): number {
  return Math.max(ctx.intendedSince, ctx.traffic.changed ?? 0);
}

function converging(now: number, since: number, windowMs: number): boolean {
  return now - since < windowMs;
}

function beyondTolerance(ctx: TrafficContext, a: Shares, b: Shares): boolean {
  const tolerance = (ctx.traffic.tolerance ?? DEFAULT_TOLERANCE_POINTS) / 100;
  return largestGap(a, b) > tolerance + EPSILON;
}

function verdictOf(
  service: string,
  intended: Shares,
  declared: Shares | undefined,
  observed: Shares | undefined,
): TrafficVerdict {
  const gaps = [declared, observed].flatMap((layer) =>
    layer === undefined ? [] : [largestGap(intended, layer)],
  );
  return {
    service,
    intended,
    ...(declared !== undefined ? { declared } : {}),
    ...(observed !== undefined ? { observed } : {}),
    ...(gaps.length > 0 ? { deviation: Math.max(...gaps) } : {}),
  };
}
