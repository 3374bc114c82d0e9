/**
 * The observed traffic layer of the running exporter: one Prometheus
 * client per region that has one, asking about the services the intent
 * splits in that region.
 */
import type { Intent } from '../intent/model.js';
import type { Logger } from '../log/logger.js';
import type { TrafficQueryStatus } from '../metrics/traffic.js';
import {
  PrometheusTrafficSource,
  type PrometheusTrafficOptions,
  type ServiceRef,
} from '../sources/prometheus-traffic.js';
import type { ObservedRegionTraffic } from '../verify/traffic/observed.js';

/** A region whose observed layer is read from its Prometheus. */
export interface TrafficRegion {
  region: string;
  prometheus: PrometheusTrafficOptions;
}

/** The running observers, as the publisher reads them. */
export interface TrafficObservers {
  observed(): Record<string, ObservedRegionTraffic>;
  queries(): TrafficQueryStatus[];
  stop(): void;
}

/** What the observers share. */
export interface TrafficObserverContext {
  logger: Logger;
  intent: () => Intent;
  onChange: () => void;
}

/**
 * Starts one observer per region and resolves after each has queried once,
 * so that the first publication already has the observed layer (or knows it
 * is unknown).
 */
export async function startTrafficObservers(
  regions: readonly TrafficRegion[],
  context: TrafficObserverContext,
): Promise<TrafficObservers> {
  const sources = regions.map(
    (region) =>
      new PrometheusTrafficSource({
        region: region.region,
        options: region.prometheus,
        logger: context.logger.child({ region: region.region }),
        services: () => servicesOf(context.intent(), region.region),
        onChange: context.onChange,
      }),
  );
  await Promise.all(sources.map((source) => source.start()));

  return {
    observed: () =>
      Object.fromEntries(regions.map((region, i) => [region.region, sources[i]!.observe()])),
    queries: () => sources.map((source) => source.status()),
    stop: () => sources.forEach((source) => source.stop()),
  };
}

/** The services the intent splits in a region, each once. */
export function servicesOf(intent: Intent, region: string): ServiceRef[] {
  const seen = new Map<string, ServiceRef>();
  for (const workload of intent.workloads) {
    const override = workload.regions[region];
    const traffic = override?.traffic ?? workload.traffic;
    if (override?.skip === true || traffic === undefined) continue;
    const ref = { namespace: workload.namespace, service: traffic.service };
    seen.set(`${ref.namespace}/${ref.service}`, ref);
  }
  return [...seen.values()];
}
