/**
 * Weights to shares, by each routing API's own rules. Both APIs treat
 * weights as relative, but they disagree on what a missing weight means and
 * on what a sum other than 100 says, so one normalisation cannot serve both.
 */
import type { RouteApi, RouteDestinationView } from '../../sources/observations.js';

/** Shares between 0 and 1 by backend name; they add up to 1, or to 0 when nothing gets traffic. */
export type Shares = Record<string, number>;

/** Why a rule's weights cannot be right: each is an `invalid` finding about the route. */
export type WeightProblem =
  /** Istio: several destinations whose weights do not add up to 100. */
  | 'WeightsNotHundred'
  /** Every weight is zero: no backend receives traffic and the route answers errors. */
  | 'AllWeightsZero'
  /** A weight below zero; the APIs' validation rejects it, so the object was not admitted as is. */
  | 'NegativeWeight'
  /** A rule that routes to nothing. */
  | 'NoDestinations';

/** The shares of one rule and what is wrong with its weights. */
export interface Split {
  shares: Shares;
  problems: WeightProblem[];
}

/** Normalises a rule's destinations by the rules of its API. */
export function routeShares(api: RouteApi, destinations: readonly RouteDestinationView[]): Split {
  return api === 'istio' ? istioShares(destinations) : gatewayShares(destinations);
}

/**
 * Istio HTTPRouteDestination.weight: a lone destination receives all
 * traffic whatever its weight; otherwise an unset weight is 0 and each
 * destination receives weight / sum. The API long required the weights to
 * add up to 100, and a route that relies on the relative reading is almost
 * always a half-edited split (60 and 30 beside a deleted 10), so a sum other
 * than 100 is reported as well as normalised.
 * https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
 */
export function istioShares(destinations: readonly RouteDestinationView[]): Split {
  if (destinations.length === 0) return { shares: {}, problems: ['NoDestinations'] };
  if (destinations.length === 1) return { shares: { [destinations[0]!.backend]: 1 }, problems: [] };

  const weighted = destinations.map((d) => ({ backend: d.backend, weight: d.weight ?? 0 }));
  const split = relativeShares(weighted);
  const sum = weighted.reduce((total, d) => total + Math.max(d.weight, 0), 0);
  if (sum > 0 && sum !== 100) split.problems.push('WeightsNotHundred');
  return split;
}

/**
 * Gateway API BackendRef.weight: relative, defaulting to 1, and the sum need
 * not be 100. A weight of 0 sends nothing to that backend; when every weight
 * is 0 (a lone backend included) the rule's requests get HTTP 500.
 * https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
export function gatewayShares(destinations: readonly RouteDestinationView[]): Split {
  if (destinations.length === 0) return { shares: {}, problems: ['NoDestinations'] };
  return relativeShares(destinations.map((d) => ({ backend: d.backend, weight: d.weight ?? 1 })));
}

/**
 * Intended weights from the intent: relative, like Gateway API's, with no
 * default (the intent always writes them). All zero cannot be meant.
 */
export function intendedShares(backends: Readonly<Record<string, number>>): Split {
  const weighted = Object.entries(backends).map(([backend, weight]) => ({ backend, weight }));
  if (weighted.length === 0) return { shares: {}, problems: ['NoDestinations'] };
  return relativeShares(weighted);
}

/**
 * weight / sum per backend. A negative weight counts as 0 and is reported;
 * a backend listed twice (two destinations with one subset) gets both parts.
 */
function relativeShares(weighted: ReadonlyArray<{ backend: string; weight: number }>): Split {
  const problems: WeightProblem[] = [];
  if (weighted.some((d) => d.weight < 0)) problems.push('NegativeWeight');

  const sum = weighted.reduce((total, d) => total + Math.max(d.weight, 0), 0);
  if (sum === 0) problems.push('AllWeightsZero');

  const shares: Shares = {};
  for (const { backend, weight } of weighted) {
    const share = sum === 0 ? 0 : Math.max(weight, 0) / sum;
    shares[backend] = (shares[backend] ?? 0) + share;
  }
  return { shares, problems };
}

/** The largest difference of any backend's share between two splits; a missing backend has 0. */
export function largestGap(a: Shares, b: Shares): number {
  const backends = new Set([...Object.keys(a), ...Object.keys(b)]);
  let gap = 0;
  for (const backend of backends) {
    gap = Math.max(gap, Math.abs((a[backend] ?? 0) - (b[backend] ?? 0)));
  }
  return gap;
}
