import { describe, expect, it } from 'vitest';

import { parseSnapshot } from './snapshot-file.js';
import { projectHttpRoute, projectVirtualService, routeKindOf } from './project-routes.js';
import { projectCanary } from './project-canary.js';
import { httpRoute, kubectlList, virtualService } from './testing/index.js';

const CHANGED = '2026-11-30T15:00:00Z';

describe('routeKindOf', () => {
  it.each([
    ['VirtualService', 'networking.istio.io/v1', 'VirtualService'],
    ['VirtualService', 'networking.istio.io/v1beta1', 'VirtualService'],
    ['HTTPRoute', 'gateway.networking.k8s.io/v1', 'HTTPRoute'],
    ['HTTPRoute', 'example.com/v1', undefined],
    ['Route', 'route.openshift.io/v1', undefined],
  ])('reads kind %s of %s as %s', (kind, apiVersion, expected) => {
    expect(routeKindOf(kind, apiVersion)).toBe(expected);
  });
});

describe('projectVirtualService', () => {
  it('names destinations by subset, keeps missing weights missing and reads the spec change time', () => {
    const object = virtualService({
      name: 'checkout',
      changedAt: CHANGED,
      rules: [
        { matchHeader: 'x-canary', destinations: [{ host: 'checkout', subset: 'v15' }] },
        {
          destinations: [
            { host: 'checkout', subset: 'v15', weight: 100 },
            { host: 'checkout', subset: 'v14' },
          ],
        },
      ],
    });

    expect(projectVirtualService(object)).toEqual({
      api: 'istio',
      kind: 'VirtualService',
      namespace: 'shop',
      name: 'checkout',
      hosts: ['checkout'],
      rules: [
        { catchAll: false, destinations: [{ backend: 'v15', host: 'checkout' }] },
        {
          catchAll: true,
          destinations: [
            { backend: 'v15', host: 'checkout', weight: 100 },
            { backend: 'v14', host: 'checkout' },
          ],
        },
      ],
      accepted: 'True',
      changedAt: Date.parse(CHANGED),
    });
  });

  it('names a destination without subset by its host', () => {
    const object = virtualService({
      name: 'checkout',
      rules: [{ destinations: [{ host: 'checkout-v15.shop.svc.cluster.local' }] }],
    });

    expect(projectVirtualService(object).rules[0]!.destinations[0]!.backend).toBe(
      'checkout-v15.shop.svc.cluster.local',
    );
  });

  it.each([
    [undefined, 'True'],
    [true, 'True'],
    [false, 'Unknown'],
  ] as const)('reads Reconciled=%s as accepted %s', (reconciled, accepted) => {
    const object = virtualService({
      name: 'checkout',
      rules: [{ destinations: [{ host: 'checkout' }] }],
      ...(reconciled !== undefined ? { reconciled } : {}),
    });

    expect(projectVirtualService(object).accepted).toBe(accepted);
  });
});

describe('projectHttpRoute', () => {
  const rules = [{ destinations: [{ host: 'checkout-v15', weight: 3 }, { host: 'checkout-v14' }] }];

  it('reads the defaulted PathPrefix / match as a catch-all and backendRefs by Service name', () => {
    const view = projectHttpRoute(
      httpRoute({ name: 'checkout', hosts: ['shop.example.test'], rules }),
    );

    expect(view.hosts).toEqual(['shop.example.test']);
    expect(view.rules).toEqual([
      {
        catchAll: true,
        destinations: [
          { backend: 'checkout-v15', host: 'checkout-v15', weight: 3 },
          { backend: 'checkout-v14', host: 'checkout-v14' },
        ],
      },
    ]);
    expect(view.accepted).toBe('True');
  });

  it('counts a Service parentRef (a mesh route) as a host', () => {
    const view = projectHttpRoute(httpRoute({ name: 'split', serviceParent: 'checkout', rules }));

    expect(view.hosts).toEqual(['checkout']);
  });

  it.each([
    [{ accepted: true } as const, 'True', undefined],
    [
      { accepted: false, reason: 'NotAllowedByListeners' } as const,
      'False',
      'NotAllowedByListeners',
    ],
    [{ accepted: false, reason: 'Pending' } as const, 'Unknown', 'Pending'],
    [{ accepted: 'none' } as const, 'Unknown', 'Pending'],
  ])('reads acceptance %j as %s', (acceptance, accepted, reason) => {
    const view = projectHttpRoute(httpRoute({ name: 'checkout', rules, acceptance }));

    expect(view.accepted).toBe(accepted);
    expect(view.acceptedReason).toBe(reason);
  });

  it('reads an Accepted condition about an older generation as unknown', () => {
    const object = httpRoute({ name: 'checkout', rules, generation: 3 });
    (object.metadata as Record<string, unknown>).generation = 4;

    expect(projectHttpRoute(object).accepted).toBe('Unknown');
  });
});

describe('snapshots with routes', () => {
  it('reads VirtualServices and HTTPRoutes into routes, not into skipped', () => {
    const { state, skipped } = parseSnapshot(
      JSON.stringify(
        kubectlList([
          virtualService({ name: 'checkout', rules: [{ destinations: [{ host: 'checkout' }] }] }),
          httpRoute({ name: 'cart', rules: [{ destinations: [{ host: 'cart' }] }] }),
        ]),
      ),
      'routes.json',
    );

    expect(state.routes?.map((route) => `${route.kind}/${route.name}`)).toEqual([
      'VirtualService/checkout',
      'HTTPRoute/cart',
    ]);
    expect(skipped).toEqual({});
  });
});

describe('projectCanary', () => {
  const canary = {
    stableService: 'checkout-stable',
    canaryService: 'checkout-canary',
    steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '10m' } }],
  };

  it('reads the weight Argo reports, and the Services as backends', () => {
    const status = { canary: { weights: { canary: { weight: 20 }, stable: { weight: 80 } } } };

    expect(projectCanary({ strategy: { canary } }, status)).toEqual({
      stableBackend: 'checkout-stable',
      canaryBackend: 'checkout-canary',
      weight: 20,
      managesRoute: false,
    });
  });

  it.each([
    [0, 0],
    [1, 20],
    [3, 50],
    [4, 0],
  ])(
    'at step index %i without reported weights, reads weight %i from the steps taken',
    (index, weight) => {
      expect(projectCanary({ strategy: { canary } }, { currentStepIndex: index })?.weight).toBe(
        weight,
      );
    },
  );

  it('names subsets as backends when the Rollout routes by DestinationRule subsets', () => {
    const trafficRouting = {
      istio: {
        virtualService: { name: 'checkout' },
        destinationRule: {
          name: 'checkout',
          stableSubsetName: 'stable',
          canarySubsetName: 'canary',
        },
      },
    };
    const view = projectCanary({ strategy: { canary: { ...canary, trafficRouting } } }, {});

    expect(view).toMatchObject({
      stableBackend: 'stable',
      canaryBackend: 'canary',
      managesRoute: true,
    });
  });

  it('is undefined for a blue-green Rollout', () => {
    expect(projectCanary({ strategy: { blueGreen: {} } }, {})).toBeUndefined();
  });
});
