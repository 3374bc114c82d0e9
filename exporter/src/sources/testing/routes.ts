/**
 * Routing fixtures: Istio VirtualService and Gateway API HTTPRoute as
 * `kubectl get -o json` prints them, with the status their controllers write
 * and the managedFields that say when the spec last changed.
 */
import { FIXTURE_NAMESPACE, FIXTURE_TIME, objectMeta, type KubeObject } from './objects.js';

/** One weighted destination; `weight` left out is left out of the object too. */
export interface DestinationFixture {
  /** Istio: the destination host; Gateway API: the backendRef's Service name. */
  host: string;
  /** Istio only: the DestinationRule subset. */
  subset?: string;
  weight?: number;
}

/** One HTTP rule; without `match` it matches every request. */
export interface RuleFixture {
  destinations: DestinationFixture[];
  /** A header to match on, making the rule conditional (e.g. a canary cookie). */
  matchHeader?: string;
}

/** What both route builders take. */
export interface RouteFixture {
  name: string;
  namespace?: string;
  /** VirtualService `hosts` / HTTPRoute `hostnames`. */
  hosts?: string[];
  rules: RuleFixture[];
  generation?: number;
  /** When the spec was last written (managedFields); defaults to FIXTURE_TIME. */
  changedAt?: string;
}

/** A VirtualService; `reconciled` writes Istio's Reconciled condition (absent: no status at all). */
export function virtualService(options: RouteFixture & { reconciled?: boolean }): KubeObject {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const http = options.rules.map((rule, index) => ({
    name: `rule-${index}`,
    ...(rule.matchHeader !== undefined
      ? { match: [{ headers: { [rule.matchHeader]: { exact: 'true' } } }] }
      : {}),
    route: rule.destinations.map((d) => ({
      destination: { host: d.host, ...(d.subset !== undefined ? { subset: d.subset } : {}) },
      ...(d.weight !== undefined ? { weight: d.weight } : {}),
    })),
  }));
  const object: KubeObject = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: routeMeta('VirtualService', namespace, options),
    spec: { hosts: options.hosts ?? [options.name], http },
  };
  if (options.reconciled !== undefined) {
    const status = options.reconciled ? 'True' : 'False';
    object.status = {
      conditions: [{ type: 'Reconciled', status, lastTransitionTime: FIXTURE_TIME }],
      observedGeneration: String(options.generation ?? 1),
    };
  }
  return object;
}

/** How the parent Gateway answered an HTTPRoute; `none` writes no status yet. */
export type HttpRouteAcceptance =
  { accepted: true } | { accepted: false; reason: string } | { accepted: 'none' };

/** An HTTPRoute attached to Gateway `shop-gateway`, accepted unless told otherwise. */
export function httpRoute(
  options: RouteFixture & { acceptance?: HttpRouteAcceptance; serviceParent?: string },
): KubeObject {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const parentRef =
    options.serviceParent !== undefined
      ? { group: '', kind: 'Service', name: options.serviceParent }
      : { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop-gateway' };
  const rules = options.rules.map((rule) => ({
    // The API server defaults an omitted match to PathPrefix "/", and kubectl shows it.
    matches: [
      rule.matchHeader !== undefined
        ? { headers: [{ type: 'Exact', name: rule.matchHeader, value: 'true' }] }
        : { path: { type: 'PathPrefix', value: '/' } },
    ],
    backendRefs: rule.destinations.map((d) => ({
      group: '',
      kind: 'Service',
      name: d.host,
      port: 8080,
      ...(d.weight !== undefined ? { weight: d.weight } : {}),
    })),
  }));
  const acceptance = options.acceptance ?? { accepted: true };

  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: routeMeta('HTTPRoute', namespace, options),
    spec: { parentRefs: [parentRef], hostnames: options.hosts ?? [], rules },
    status: { parents: acceptance.accepted === 'none' ? [] : [parentStatus(parentRef, options)] },
  };

  function parentStatus(ref: KubeObject, route: RouteFixture): KubeObject {
    const condition =
      acceptance.accepted === true
        ? { status: 'True', reason: 'Accepted', message: 'Route was valid' }
        : { status: 'False', reason: (acceptance as { reason: string }).reason, message: '' };
    return {
      parentRef: ref,
      controllerName: 'gateway.example.test/controller',
      conditions: [
        {
          type: 'Accepted',
          ...condition,
          observedGeneration: route.generation ?? 1,
          lastTransitionTime: FIXTURE_TIME,
        },
        {
          type: 'ResolvedRefs',
          status: 'True',
          reason: 'ResolvedRefs',
          message: '',
          observedGeneration: route.generation ?? 1,
          lastTransitionTime: FIXTURE_TIME,
        },
      ],
    };
  }
}

function routeMeta(kind: string, namespace: string, options: RouteFixture): KubeObject {
  const metadata = objectMeta({
    kind,
    namespace,
    name: options.name,
    generation: options.generation ?? 1,
  });
  metadata.managedFields = [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: kind === 'HTTPRoute' ? 'gateway.networking.k8s.io/v1' : 'networking.istio.io/v1',
      time: options.changedAt ?? FIXTURE_TIME,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': {} },
    },
    {
      manager: kind === 'HTTPRoute' ? 'gateway-controller' : 'pilot-discovery',
      operation: 'Update',
      apiVersion: kind === 'HTTPRoute' ? 'gateway.networking.k8s.io/v1' : 'networking.istio.io/v1',
      // Status writes come later and must not count as spec changes.
      time: '2030-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': {} },
      subresource: 'status',
    },
  ];
  return metadata;
}
