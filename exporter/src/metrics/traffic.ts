/**
 * The traffic families: each backend's share per layer (intended, declared,
 * observed), the largest deviation from the intended split, and the health
 * of the queries that read the observed layer.
 */
import { Counter, type Registry } from 'prom-client';

import type { Evaluation } from '../verify/evaluation.js';
import { registerGauge, type FamilyDefinition } from './family.js';
import { verifiedWorkloads, workloadLabels } from './verified.js';

/** How the observed layer of one region is doing, as the runtime counts it. */
export interface TrafficQueryStatus {
  region: string;
  /** True when the last round of queries answered. */
  up: boolean;
  /** Queries that failed since the exporter started. */
  failures: number;
}

/** The layers of the verification chain that carry a traffic split. */
export const TRAFFIC_LAYERS = ['intended', 'declared', 'observed'] as const;

/** Each backend's share of a service's traffic, per layer. */
export const TRAFFIC_WEIGHT: FamilyDefinition<
  'region' | 'namespace' | 'workload' | 'service' | 'backend' | 'layer'
> = {
  name: 'realitycheck_traffic_weight_ratio',
  help: "Share (0..1) of a service's traffic per backend and layer (intended, declared, observed); a layer that cannot be read is absent.",
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'service', 'backend', 'layer'],
};

/** The largest gap between the intended split and the declared or observed one. */
export const TRAFFIC_DEVIATION: FamilyDefinition<'region' | 'namespace' | 'workload' | 'service'> =
  {
    name: 'realitycheck_traffic_deviation_ratio',
    help: "Largest gap (0..1) between any backend's intended share and its declared or observed share; absent when neither layer can be read.",
    type: 'gauge',
    labelNames: ['region', 'namespace', 'workload', 'service'],
  };

/** Whether the region's Prometheus answered the last traffic queries. */
export const TRAFFIC_QUERY_UP: FamilyDefinition<'region'> = {
  name: 'realitycheck_traffic_query_up',
  help: "1 when the region's Prometheus answered the last traffic queries, else 0 (the observed layer is unknown); absent for regions without one.",
  type: 'gauge',
  labelNames: ['region'],
};

/** Traffic queries that failed. */
export const TRAFFIC_QUERY_FAILURES: FamilyDefinition<'region'> = {
  name: 'realitycheck_traffic_query_failures_total',
  help: "Traffic queries to the region's Prometheus that failed (unreachable, an error, or an answer that is not a vector).",
  type: 'counter',
  labelNames: ['region'],
};

/** The families of this module, for the naming rules. */
export const TRAFFIC_FAMILIES: readonly FamilyDefinition[] = [
  TRAFFIC_WEIGHT,
  TRAFFIC_DEVIATION,
  TRAFFIC_QUERY_UP,
  TRAFFIC_QUERY_FAILURES,
];

/** Registers and fills the traffic families. */
export function fillTraffic(
  registry: Registry,
  evaluation: Evaluation,
  queries: readonly TrafficQueryStatus[] = [],
): void {
  const weight = registerGauge(TRAFFIC_WEIGHT, registry);
  const deviation = registerGauge(TRAFFIC_DEVIATION, registry);

  for (const verdict of verifiedWorkloads(evaluation)) {
    const traffic = verdict.traffic;
    if (traffic === undefined) continue;
    const labels = { ...workloadLabels(verdict), service: traffic.service };
    for (const layer of TRAFFIC_LAYERS) {
      for (const [backend, share] of Object.entries(traffic[layer] ?? {})) {
        weight.set({ ...labels, backend, layer }, share);
      }
    }
    if (traffic.deviation !== undefined) deviation.set(labels, traffic.deviation);
  }
  fillQueries(registry, queries);
}

function fillQueries(registry: Registry, queries: readonly TrafficQueryStatus[]): void {
  const up = registerGauge(TRAFFIC_QUERY_UP, registry);
  // A fresh registry per publication: the counter is set from the runtime's running count.
  const failures = new Counter({
    name: TRAFFIC_QUERY_FAILURES.name,
    help: TRAFFIC_QUERY_FAILURES.help,
    labelNames: TRAFFIC_QUERY_FAILURES.labelNames,
    registers: [registry],
  });
  for (const query of queries) {
    up.set({ region: query.region }, query.up ? 1 : 0);
    failures.inc({ region: query.region }, query.failures);
  }
}
