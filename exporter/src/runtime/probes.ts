/**
 * The reported layer of the running exporter: one prober over every region,
 * and the merge of its reports into each region's observation before the
 * engine evaluates it. The engine stays pure: it reads `state.reports` like
 * any other part of the observed state.
 */
import type { Intent } from '../intent/model.js';
import type { Logger } from '../log/logger.js';
import type { ProbeStatus } from '../metrics/probes.js';
import { InstanceProber } from '../sources/instance-probe.js';
import type { RegionObservation } from '../sources/observations.js';

/** The running prober, as the publisher reads it. */
export interface InstanceProbes {
  /** Each observation with the last reports of its pods in `state.reports`. */
  merge(observations: readonly RegionObservation[]): RegionObservation[];
  status(): ProbeStatus[];
  stop(): Promise<void>;
}

/** What the prober reads. */
export interface InstanceProbesContext {
  logger: Logger;
  intent: () => Intent;
  /** Every region's observation, as the publisher reads it. */
  observations: () => RegionObservation[];
  onChange: () => void;
  intervalMs: number;
}

/**
 * Starts probing and resolves after the first round, so that the first
 * publication already has the reports of the instances that answered.
 */
export async function startInstanceProbes(context: InstanceProbesContext): Promise<InstanceProbes> {
  const prober = new InstanceProber({
    intent: context.intent,
    regions: () =>
      context
        .observations()
        .map(({ region, up, state }) => (up && state ? { region, state } : { region })),
    logger: context.logger.child({ layer: 'reported' }),
    onChange: context.onChange,
    intervalMs: context.intervalMs,
  });
  await prober.start();

  return {
    merge: (observations) =>
      observations.map((observation) => {
        const state = observation.state;
        if (state === undefined) return observation;
        const reports = [...(state.reports ?? []), ...prober.reportsFor(observation.region, state)];
        return { ...observation, state: { ...state, reports } };
      }),
    status: () => prober.status(),
    stop: () => prober.stop(),
  };
}
