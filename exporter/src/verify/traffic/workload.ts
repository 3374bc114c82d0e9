/**
 * The traffic check as evaluate() calls it: resolves the region's intended
 * traffic and the observed answer for its service, then runs the check.
 */
import type { IntendedWorkload } from '../../intent/model.js';
import type { ClusterState, WorkloadView } from '../../sources/observations.js';
import { checkTraffic, type TrafficResult } from './check.js';
import { serviceKey, type ObservedRegionTraffic, type ObservedService } from './observed.js';

/** The parts of one verification pass the traffic check reads. */
export interface TrafficPass {
  now: number;
  /** The observed layer by region; a region without an entry has none configured. */
  observedTraffic?: Readonly<Record<string, ObservedRegionTraffic>>;
}

/** The workload being verified in one region. */
export interface WorkloadTrafficInput {
  region: string;
  intent: IntendedWorkload;
  state: ClusterState;
  view: WorkloadView | undefined;
  /** When the intended release became intended. */
  since: number;
}

/** The traffic verdict and findings, or undefined when the intent names no traffic here. */
export function verifyWorkloadTraffic(
  pass: TrafficPass,
  input: WorkloadTrafficInput,
): TrafficResult | undefined {
  const traffic = input.intent.regions[input.region]?.traffic ?? input.intent.traffic;
  if (traffic === undefined) return undefined;

  const observed = pass.observedTraffic?.[input.region];
  return checkTraffic({
    region: input.region,
    intent: input.intent,
    traffic,
    ...(input.view !== undefined ? { view: input.view } : {}),
    routes: input.state.routes ?? [],
    ...(observed !== undefined
      ? { observed: observedService(observed, input, traffic.service) }
      : {}),
    intendedSince: input.since,
    now: pass.now,
  });
}

/**
 * A region with an observed layer whose answer lacks the service has not
 * queried it yet: unknown, so that a new service never looks in sync.
 */
function observedService(
  observed: ObservedRegionTraffic,
  input: WorkloadTrafficInput,
  service: string,
): ObservedService {
  const answer = observed.services[serviceKey(input.intent.namespace, service)];
  return answer ?? { state: 'unknown', reason: 'NotQueried', detail: 'not queried yet' };
}
