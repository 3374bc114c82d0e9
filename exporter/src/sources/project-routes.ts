/**
 * Istio VirtualService and Gateway API HTTPRoute -> RouteView: the HTTP rules
 * with their destinations and weights as written, and whether the route's
 * controller took it in. Weights stay as written (absent stays absent),
 * because each API defaults them differently; verify/traffic applies the rules.
 */
import {
  epochMs,
  fields,
  integer,
  objects,
  text,
  withoutUndefined,
  type Fields,
} from './fields.js';
import type {
  RouteAcceptance,
  RouteDestinationView,
  RouteRuleView,
  RouteView,
} from './observations.js';
import { apiGroupOf } from './project-workload.js';

/** The API group of each route kind this projection reads. */
const ROUTE_GROUPS: Record<RouteView['kind'], string> = {
  VirtualService: 'networking.istio.io',
  HTTPRoute: 'gateway.networking.k8s.io',
};

/**
 * The route kind of an object, or undefined for anything else. Both names
 * are common words (Knative and OpenShift have routes of their own), so the
 * API group decides; an object without apiVersion (a client-node model) is accepted.
 */
export function routeKindOf(kind: unknown, apiVersion: unknown): RouteView['kind'] | undefined {
  if (kind !== 'VirtualService' && kind !== 'HTTPRoute') return undefined;
  if (typeof apiVersion !== 'string') return kind;
  return apiGroupOf(apiVersion) === ROUTE_GROUPS[kind] ? kind : undefined;
}

/** Projects a route of the given kind. */
export function projectRoute(kind: RouteView['kind'], object: unknown): RouteView {
  return kind === 'VirtualService' ? projectVirtualService(object) : projectHttpRoute(object);
}

/**
 * A VirtualService's `http` routes. A destination is named by its subset, or
 * by its host where the route uses no subsets (DESIGN.md, intent file).
 */
export function projectVirtualService(object: unknown): RouteView {
  const route = fields(object);
  const metadata = fields(route.metadata);
  const spec = fields(route.spec);

  const rules = objects(spec.http).map((rule): RouteRuleView => ({
    catchAll: objects(rule.match).length === 0,
    destinations: objects(rule.route).map(istioDestination),
  }));
  return withoutUndefined({
    api: 'istio' as const,
    kind: 'VirtualService' as const,
    ...identity(metadata),
    hosts: strings(spec.hosts),
    rules,
    ...istioAcceptance(fields(route.status)),
    changedAt: specChangedAt(metadata),
  });
}

function istioDestination(entry: Fields): RouteDestinationView {
  const destination = fields(entry.destination);
  const host = text(destination.host) ?? '';
  const subset = text(destination.subset);
  return withoutUndefined({
    backend: subset !== undefined && subset !== '' ? subset : host,
    host,
    weight: integer(entry.weight),
  });
}

/**
 * Istio writes status only when istiod's status feature is on; then the
 * `Reconciled` condition says whether every proxy has the current spec.
 * Without status the route is in force as soon as the API server took it
 * (istiod's webhook validated it on the way in).
 * https://istio.io/latest/docs/reference/config/config-status/
 */
function istioAcceptance(status: Fields): { accepted: RouteAcceptance; acceptedReason?: string } {
  const reconciled = objects(status.conditions).find((c) => c.type === 'Reconciled');
  if (reconciled === undefined || reconciled.status === 'True') return { accepted: 'True' };
  return withoutUndefined({
    accepted: 'Unknown' as const,
    acceptedReason: text(reconciled.reason) ?? 'NotReconciled',
  });
}

/** An HTTPRoute's rules; a backendRef is named by its Service name. */
export function projectHttpRoute(object: unknown): RouteView {
  const route = fields(object);
  const metadata = fields(route.metadata);
  const spec = fields(route.spec);

  const serviceParents = objects(spec.parentRefs)
    .filter(
      (parent) => parent.kind === 'Service' && ['', 'core'].includes(text(parent.group) ?? ''),
    )
    .flatMap((parent) => strings([parent.name]));
  const rules = objects(spec.rules).map((rule): RouteRuleView => ({
    catchAll: matchesEverything(objects(rule.matches)),
    destinations: objects(rule.backendRefs).map((ref) => {
      const name = text(ref.name) ?? '';
      return withoutUndefined({ backend: name, host: name, weight: integer(ref.weight) });
    }),
  }));
  return withoutUndefined({
    api: 'gateway-api' as const,
    kind: 'HTTPRoute' as const,
    ...identity(metadata),
    hosts: [...strings(spec.hostnames), ...serviceParents],
    rules,
    ...gatewayAcceptance(fields(route.status), integer(metadata.generation)),
    changedAt: specChangedAt(metadata),
  });
}

/**
 * The API server defaults an omitted `matches` to one PathPrefix "/" match,
 * so both forms match every request.
 * https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 */
function matchesEverything(matches: Fields[]): boolean {
  if (matches.length === 0) return true;
  return matches.some((match) => {
    const path = fields(match.path);
    const onlyPath = Object.keys(match).every((key) => key === 'path');
    return onlyPath && (path.type ?? 'PathPrefix') === 'PathPrefix' && (path.value ?? '/') === '/';
  });
}

/**
 * Each parent (Gateway, or Service for mesh routes) writes its own
 * `Accepted` condition. The route is in force where any parent accepted its
 * current generation; refused by all parents it carries no traffic; a
 * condition about an older generation, or none yet, says nothing.
 * https://gateway-api.sigs.k8s.io/reference/spec/#routeconditiontype
 */
function gatewayAcceptance(
  status: Fields,
  generation: number | undefined,
): { accepted: RouteAcceptance; acceptedReason?: string } {
  const accepted = objects(status.parents)
    .flatMap((parent) => objects(parent.conditions))
    .filter((condition) => condition.type === 'Accepted')
    .filter((condition) => {
      const observed = integer(condition.observedGeneration);
      return generation === undefined || observed === undefined || observed >= generation;
    });

  if (accepted.some((c) => c.status === 'True')) return { accepted: 'True' };
  const refused = accepted.find((c) => c.status === 'False' && c.reason !== 'Pending');
  if (refused !== undefined) {
    return withoutUndefined({ accepted: 'False' as const, acceptedReason: text(refused.reason) });
  }
  return { accepted: 'Unknown', acceptedReason: 'Pending' };
}

function identity(metadata: Fields): { namespace: string; name: string } {
  return { namespace: text(metadata.namespace) ?? '', name: text(metadata.name) ?? '' };
}

/**
 * The newest write of the object that was not to its status subresource.
 * creationTimestamp alone would miss every later edit of the weights.
 */
function specChangedAt(metadata: Fields): number | undefined {
  const writes = objects(metadata.managedFields)
    .filter((entry) => entry.subresource === undefined || entry.subresource === '')
    .flatMap((entry) => {
      const at = epochMs(entry.time);
      return at === undefined ? [] : [at];
    });
  const created = epochMs(metadata.creationTimestamp);
  const all = created === undefined ? writes : [...writes, created];
  return all.length > 0 ? Math.max(...all) : undefined;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}
