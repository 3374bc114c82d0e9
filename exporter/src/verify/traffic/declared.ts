/**
 * The declared layer of traffic: which routing object splits a service, its
 * rule that takes ordinary requests, and whether that rule's weights are in
 * force. A Rollout's canary weights stand in where no route names the service.
 */
import type { RouteView, WorkloadView } from '../../sources/observations.js';
import type { FindingClass } from '../evaluation.js';
import { routeShares, type Shares, type WeightProblem } from './weights.js';

/** Something about the route that is an `invalid` or `unknown` finding of its own. */
export interface RouteProblem {
  class: Extract<FindingClass, 'invalid' | 'unknown'>;
  reason: WeightProblem | 'RouteNotAccepted' | 'RouteAcceptancePending';
  /** The route's own reason, e.g. NotAllowedByListeners. */
  detail?: string;
}

/** The declared split of one service. */
export interface DeclaredTraffic {
  /** `VirtualService shop/checkout`, `Rollout shop/checkout`; absent when nothing routes the service. */
  source?: string;
  /** The split in force; absent when no route is in force. */
  shares?: Shares;
  problems: RouteProblem[];
  /** When the route's spec last changed. */
  changedAt?: number;
  /** True while an Argo Rollout is moving weight to its canary. */
  canaryInProgress: boolean;
}

/** What the declared split is read from. */
export interface DeclaredInput {
  service: string;
  namespace: string;
  /** The intended backends, to recognise a Gateway API route by what it routes to. */
  backends: readonly string[];
  routes: readonly RouteView[];
  view?: WorkloadView;
}

/** The declared split of a service in one region. */
export function declaredTraffic(input: DeclaredInput): DeclaredTraffic {
  const canaryInProgress = (input.view?.canary?.weight ?? 0) > 0;
  const route = routeFor(input);
  if (route === undefined) return rolloutSplit(input.view) ?? { problems: [], canaryInProgress };

  const source = `${route.kind} ${route.namespace}/${route.name}`;
  const base = { source, canaryInProgress, ...changed(route.changedAt) };
  if (route.accepted === 'False') {
    return { ...base, problems: [problem('invalid', 'RouteNotAccepted', route.acceptedReason)] };
  }
  if (route.accepted === 'Unknown') {
    const pending = problem('unknown', 'RouteAcceptancePending', route.acceptedReason);
    return { ...base, problems: [pending] };
  }

  const rule = defaultRule(route, input.backends);
  const split = routeShares(route.api, rule?.destinations ?? []);
  const problems = split.problems.map((reason) => problem('invalid', reason));
  return { ...base, shares: split.shares, problems };
}

/**
 * The route of a service: a VirtualService whose hosts or destinations name
 * it; an HTTPRoute named after it, whose hostnames or Service parent name
 * it, or that routes to one of the intended backends. Accepted routes come
 * first, then by kind and name, so that the choice is stable.
 */
function routeFor(input: DeclaredInput): RouteView | undefined {
  const names = (host: string) => namesService(host, input.service, input.namespace);
  const candidates = input.routes.filter((route) => {
    const destinations = route.rules.flatMap((rule) => rule.destinations);
    if (route.api === 'istio') {
      return route.hosts.some(names) || destinations.some((d) => names(d.host));
    }
    if (route.namespace !== input.namespace) return false;
    return (
      route.name === input.service ||
      route.hosts.some(names) ||
      destinations.some((d) => input.backends.includes(d.backend))
    );
  });
  const rank = (route: RouteView) => (route.accepted === 'True' ? 0 : 1);
  candidates.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.kind.localeCompare(b.kind) ||
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  );
  return candidates[0];
}

/**
 * A host names the service by its short name (in the service's namespace),
 * `service.namespace`, or the cluster DNS name `service.namespace.svc...`.
 */
function namesService(host: string, service: string, namespace: string): boolean {
  return (
    host === service ||
    host === `${service}.${namespace}` ||
    host.startsWith(`${service}.${namespace}.svc`)
  );
}

/**
 * The rule ordinary requests take. Both APIs try rules in order and the
 * first match wins, so the first rule without match conditions is the
 * default split; rules with conditions (a canary header) serve only the
 * requests that carry them. Without a catch-all, the first rule that routes
 * to an intended backend stands in.
 */
function defaultRule(route: RouteView, backends: readonly string[]) {
  return (
    route.rules.find((rule) => rule.catchAll) ??
    route.rules.find((rule) => rule.destinations.some((d) => backends.includes(d.backend))) ??
    route.rules[0]
  );
}

/** The stable/canary split an Argo Rollout declares, when it names both backends and a weight. */
function rolloutSplit(view: WorkloadView | undefined): DeclaredTraffic | undefined {
  const canary = view?.canary;
  if (view === undefined || canary === undefined) return undefined;
  const { stableBackend, canaryBackend, weight } = canary;
  if (stableBackend === undefined || canaryBackend === undefined || weight === undefined) {
    return undefined;
  }
  // Argo's weights are percentages of 100 (maxTrafficWeight aside).
  const share = Math.min(Math.max(weight, 0), 100) / 100;
  return {
    source: `Rollout ${view.namespace}/${view.name}`,
    shares: { [stableBackend]: 1 - share, [canaryBackend]: share },
    problems: [],
    canaryInProgress: weight > 0,
  };
}

function problem(
  findingClass: RouteProblem['class'],
  reason: RouteProblem['reason'],
  detail?: string,
): RouteProblem {
  return { class: findingClass, reason, ...(detail !== undefined ? { detail } : {}) };
}

function changed(at: number | undefined): { changedAt?: number } {
  return at === undefined ? {} : { changedAt: at };
}
