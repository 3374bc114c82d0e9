/**
 * The traffic check through evaluate(): intended vs declared vs observed,
 * field cases F13 and F14 from routing objects as kubectl prints them, and
 * the classes of a weight change over time.
 */
import { describe, expect, it } from 'vitest';

import type { IntendedTraffic, IntendedWorkload } from '../intent/model.js';
import { parseSnapshot } from '../sources/snapshot-file.js';
import type { RouteView, WorkloadView } from '../sources/observations.js';
import {
  httpRoute,
  kubectlList,
  virtualService,
  type DestinationFixture,
  type HttpRouteAcceptance,
  type KubeObject,
} from '../sources/testing/index.js';
import { evaluate } from './evaluate.js';
import type { Evaluation } from './evaluation.js';
import {
  cluster,
  DA,
  deployment,
  history,
  intentOf,
  MINUTE,
  NOW,
  observed,
  R,
  workload,
} from './testing/builders.js';
import type { ObservedService } from './traffic/observed.js';

const AN_HOUR_AGO = new Date(NOW - 60 * MINUTE).toISOString();

/** Intent: service `api`, 100% to subset v15 unless told otherwise; the release is an hour old. */
function intended(traffic: Partial<IntendedTraffic> = {}, extra: Partial<IntendedWorkload> = {}) {
  return workload(history(), {
    traffic: { service: 'api', backends: { v15: 100, v14: 0 }, ...traffic },
    ...extra,
  });
}

const subsets = (weights: Record<string, number | undefined>): DestinationFixture[] =>
  Object.entries(weights).map(([subset, weight]) => ({
    host: 'api',
    subset,
    ...(weight !== undefined ? { weight } : {}),
  }));

function routesOf(objects: KubeObject[]): RouteView[] {
  return parseSnapshot(JSON.stringify(kubectlList(objects)), 'routes.json').state.routes ?? [];
}

function run(
  routes: KubeObject[],
  options: {
    intent?: IntendedWorkload;
    observed?: ObservedService;
    now?: number;
    view?: WorkloadView;
  } = {},
): Evaluation {
  const state = {
    ...cluster([options.view ?? deployment(`${R}@${DA}`)], []),
    routes: routesOf(routes),
  };
  return evaluate({
    intent: intentOf([options.intent ?? intended()]),
    regions: [observed(state)],
    now: options.now ?? NOW,
    ...(options.observed !== undefined
      ? { observedTraffic: { 'eu-west': { services: { 'shop/api': options.observed } } } }
      : {}),
  });
}

function traffic(evaluation: Evaluation): string[] {
  return evaluation.findings
    .filter((f) => f.check === 'traffic')
    .map((f) => `${f.class}/${f.reason}`);
}

const vs = (weights: Record<string, number | undefined>, changedAt = AN_HOUR_AGO) =>
  virtualService({ name: 'api', changedAt, rules: [{ destinations: subsets(weights) }] });

describe('F13: Istio weights through the engine', () => {
  it('reports 60 and 30 as an invalid route, declares 66.7/33.3, and reports no skew', () => {
    const result = run([vs({ v15: 60, v14: 30 })], {
      intent: intended({ backends: { v15: 2, v14: 1 } }),
    });

    expect(traffic(result)).toEqual(['invalid/WeightsNotHundred']);
    expect(result.findings[0]!.message).toContain('VirtualService shop/api');
    expect(result.workloads[0]!.traffic?.declared).toEqual({
      v15: expect.closeTo(2 / 3, 9),
      v14: expect.closeTo(1 / 3, 9),
    });
  });

  it('reports 60 and 30 as invalid, not drift, even when the intent says 90/10', () => {
    const result = run([vs({ v15: 60, v14: 30 })], {
      intent: intended({ backends: { v15: 90, v14: 10 } }),
    });

    expect(traffic(result)).toEqual(['invalid/WeightsNotHundred']);
    expect(result.workloads[0]!.traffic?.deviation).toBeCloseTo(0.9 - 2 / 3, 9);
  });

  it('gives a destination without weight beside 100 nothing: in sync with 100/0', () => {
    const result = run([vs({ v15: 100, v14: undefined })]);

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.traffic).toEqual({
      service: 'api',
      intended: { v15: 1, v14: 0 },
      declared: { v15: 1, v14: 0 },
      deviation: 0,
    });
  });

  it('gives a lone destination everything', () => {
    const result = run([vs({ v15: undefined })]);

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.traffic?.declared).toEqual({ v15: 1 });
  });

  it('compares observed traffic with the normalised shares', () => {
    const observedShares: ObservedService = {
      state: 'ok',
      shares: { v15: 0.67, v14: 0.33 },
      requests: 1000,
      at: NOW,
    };
    const result = run([vs({ v15: 60, v14: 30 })], {
      intent: intended({ backends: { v15: 2, v14: 1 } }),
      observed: observedShares,
    });

    expect(traffic(result)).toEqual(['invalid/WeightsNotHundred']);
  });
});

describe('F14: Gateway API weights through the engine', () => {
  const route = (
    destinations: DestinationFixture[],
    extra: { acceptance?: HttpRouteAcceptance } = {},
  ) => httpRoute({ name: 'api', changedAt: AN_HOUR_AGO, rules: [{ destinations }], ...extra });
  const backends = { 'api-v15': 1, 'api-v14': 1 };

  it('splits two backends without weights 50/50', () => {
    const result = run([route([{ host: 'api-v15' }, { host: 'api-v14' }])], {
      intent: intended({ backends }),
    });

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.traffic?.declared).toEqual({ 'api-v15': 0.5, 'api-v14': 0.5 });
  });

  it('splits weights 3 and 1 75/25, which is drift from an intended 50/50', () => {
    const result = run(
      [
        route([
          { host: 'api-v15', weight: 3 },
          { host: 'api-v14', weight: 1 },
        ]),
      ],
      {
        intent: intended({ backends }),
      },
    );

    expect(traffic(result)).toEqual(['drift/DeclaredWeightsDiffer']);
    expect(result.workloads[0]!.traffic?.deviation).toBeCloseTo(0.25, 9);
  });

  it('reports all weights zero as invalid', () => {
    const result = run(
      [
        route([
          { host: 'api-v15', weight: 0 },
          { host: 'api-v14', weight: 0 },
        ]),
      ],
      {
        intent: intended({ backends }),
      },
    );

    expect(traffic(result)).toEqual(['invalid/AllWeightsZero']);
  });

  it('gives a route that is not accepted no declared split, and reports it invalid', () => {
    const result = run(
      [
        route([{ host: 'api-v15' }, { host: 'api-v14' }], {
          acceptance: { accepted: false, reason: 'NotAllowedByListeners' },
        }),
      ],
      { intent: intended({ backends }) },
    );

    expect(traffic(result)).toEqual(['invalid/RouteNotAccepted']);
    expect(result.findings[0]!.message).toContain('NotAllowedByListeners');
    expect(result.workloads[0]!.traffic?.declared).toBeUndefined();
  });

  it('reports a route without status yet as unknown, with no declared split', () => {
    const result = run(
      [route([{ host: 'api-v15' }, { host: 'api-v14' }], { acceptance: { accepted: 'none' } })],
      {
        intent: intended({ backends }),
      },
    );

    expect(traffic(result)).toEqual(['unknown/RouteAcceptancePending']);
    expect(result.workloads[0]!.traffic?.declared).toBeUndefined();
  });
});

describe('intended vs declared over time', () => {
  it('is converging while the intended release is within the rollout grace', () => {
    const fresh = intended({}, { releases: history(5 * MINUTE) });
    const result = run([vs({ v15: 50, v14: 50 })], { intent: fresh });

    expect(traffic(result)).toContain('converging/WeightChangeInProgress');
  });

  it('counts the grace from the intent`s traffic.changed', () => {
    const result = run([vs({ v15: 50, v14: 50 })], { intent: intended({ changed: NOW - MINUTE }) });

    expect(traffic(result)).toEqual(['converging/WeightChangeInProgress']);
  });

  it('is drift when the grace is over', () => {
    expect(traffic(run([vs({ v15: 50, v14: 50 })]))).toEqual(['drift/DeclaredWeightsDiffer']);
  });

  it('tolerates 5 percentage points by default, and what the intent says', () => {
    expect(traffic(run([vs({ v15: 95, v14: 5 })]))).toEqual([]);
    expect(traffic(run([vs({ v15: 94, v14: 6 })]))).toEqual(['drift/DeclaredWeightsDiffer']);
    expect(
      traffic(run([vs({ v15: 94, v14: 6 })], { intent: intended({ tolerance: 10 }) })),
    ).toEqual([]);
  });

  it('reports a service that no route splits, drift after the grace', () => {
    expect(traffic(run([]))).toEqual(['drift/RouteNotFound']);
  });

  it('uses a region`s own traffic over the workload`s', () => {
    const intent = intended(
      {},
      { regions: { 'eu-west': { traffic: { service: 'api', backends: { v15: 1, v14: 1 } } } } },
    );

    expect(traffic(run([vs({ v15: 50, v14: 50 })], { intent }))).toEqual([]);
  });

  it('verifies no traffic for a workload whose intent names none', () => {
    const result = run([vs({ v15: 50, v14: 50 })], { intent: workload(history()) });

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.traffic).toBeUndefined();
  });
});

describe('Argo Rollouts canary', () => {
  const rollout = (weight: number): WorkloadView =>
    deployment(`${R}@${DA}`, {
      kind: 'Rollout',
      canary: { stableBackend: 'v15', canaryBackend: 'v16', weight, managesRoute: true },
    });
  const intent = intended({ backends: { v15: 100 } }, { kind: 'Rollout' });

  it('declares the Rollout`s split where no route names the service', () => {
    const result = run([], { intent, view: rollout(0) });

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.traffic?.declared).toEqual({ v15: 1, v16: 0 });
  });

  it('is converging while the Rollout moves weight to its canary', () => {
    const result = run([vs({ v15: 80, v16: 20 })], { intent, view: rollout(20) });

    expect(traffic(result)).toEqual(['converging/CanaryInProgress']);
  });
});

describe('observed traffic: the 30% case', () => {
  const seventyThirty: ObservedService = {
    state: 'ok',
    shares: { v15: 0.7, v14: 0.3 },
    requests: 5000,
    at: NOW,
  };
  const changedAt = new Date(NOW - 2 * MINUTE).toISOString();
  const settle = { settleMs: 5 * MINUTE };

  it('is converging within the settle window after the route changed', () => {
    const result = run([vs({ v15: 100, v14: 0 }, changedAt)], {
      intent: intended(settle),
      observed: seventyThirty,
    });

    expect(traffic(result)).toEqual(['converging/TrafficSettling']);
    expect(result.workloads[0]!.traffic?.observed).toEqual({ v15: 0.7, v14: 0.3 });
    expect(result.workloads[0]!.traffic?.deviation).toBeCloseTo(0.3, 9);
  });

  it('is drift after the settle window', () => {
    const result = run([vs({ v15: 100, v14: 0 }, changedAt)], {
      intent: intended(settle),
      observed: seventyThirty,
      now: NOW + 4 * MINUTE,
    });

    expect(traffic(result)).toEqual(['drift/ObservedWeightsDiffer']);
    expect(result.workloads[0]!.mismatchSince.traffic).toBe(Date.parse(changedAt));
  });

  it('recovers when requests follow the route', () => {
    const followed: ObservedService = {
      state: 'ok',
      shares: { v15: 0.99, v14: 0.01 },
      requests: 5000,
      at: NOW,
    };
    const result = run([vs({ v15: 100, v14: 0 })], { observed: followed });

    expect(traffic(result)).toEqual([]);
    expect(result.workloads[0]!.mismatchSince.traffic).toBeUndefined();
  });

  it('counts traffic to a backend the route does not name', () => {
    const elsewhere: ObservedService = {
      state: 'ok',
      shares: { v15: 0.7, v13: 0.3 },
      requests: 5000,
      at: NOW,
    };

    expect(traffic(run([vs({ v15: 100, v14: 0 })], { observed: elsewhere }))).toEqual([
      'drift/ObservedWeightsDiffer',
    ]);
  });

  it.each([
    ['QueryFailed', 'connection refused'],
    ['TooFewRequests', '3 requests in 5m, fewer than 20'],
  ] as const)(
    'leaves the observed layer unknown when %s, and the rest verified',
    (reason, detail) => {
      const result = run([vs({ v15: 100, v14: 0 })], {
        observed: { state: 'unknown', reason, detail },
      });

      expect(traffic(result)).toEqual(['unknown/ObservedTrafficUnknown']);
      expect(result.findings.find((f) => f.check === 'traffic')!.message).toContain(detail);
      expect(result.workloads[0]!.traffic).toEqual({
        service: 'api',
        intended: { v15: 1, v14: 0 },
        declared: { v15: 1, v14: 0 },
        deviation: 0,
      });
    },
  );

  it('reports a service the observed layer has not queried yet as unknown', () => {
    const result = evaluate({
      intent: intentOf([intended()]),
      regions: [
        observed({
          ...cluster([deployment(`${R}@${DA}`)], []),
          routes: routesOf([vs({ v15: 100 })]),
        }),
      ],
      now: NOW,
      observedTraffic: { 'eu-west': { services: {} } },
    });

    expect(traffic(result)).toEqual(['unknown/ObservedTrafficUnknown']);
  });
});
