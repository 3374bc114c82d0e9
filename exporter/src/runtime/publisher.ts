/**
 * Re-evaluates when anything changes, and at least every interval because
 * classes change with time alone (converging becomes drift after the
 * grace). Each evaluation becomes a new Publication that replaces the last
 * one whole, so every scrape sees one consistent evaluation.
 */
import type { IntentStatus as LoaderStatus } from '../intent/reloader.js';
import type { BuildStatus, MetricLimits, Publication } from '../metrics/exporter-status.js';
import type { ShardStatus, SourceKinds } from '../metrics/kubernetes.js';
import type { ProbeStatus } from '../metrics/probes.js';
import type { RegionObservation } from '../sources/observations.js';
import type { TrafficQueryStatus } from '../metrics/traffic.js';
import { evaluate } from '../verify/evaluate.js';
import type { ObservedRegionTraffic } from '../verify/traffic/observed.js';

/** What the publisher reads on every evaluation. */
export interface PublisherInputs {
  intent: () => LoaderStatus;
  regions: () => RegionObservation[];
  build: BuildStatus;
  limits: MetricLimits;
  now: () => number;
  /** Per-kind health of live sources, for their metrics. */
  sourceKinds?: () => SourceKinds[];
  shard?: ShardStatus;
  /** The observed traffic layer by region, and the health of its queries. */
  observedTraffic?: () => Record<string, ObservedRegionTraffic>;
  trafficQueries?: () => TrafficQueryStatus[];
  /** How the probes of the reported layer are doing. */
  probes?: () => ProbeStatus[];
}

/** Holds the publication in force and makes new ones. */
export class Publisher {
  private current: Publication;
  private pending = false;

  constructor(
    private readonly inputs: PublisherInputs,
    initial: Publication,
  ) {
    this.current = initial;
  }

  /** The publication in force. */
  get publication(): Publication {
    return this.current;
  }

  /** Evaluates now and replaces the publication. */
  publishNow(): Publication {
    this.pending = false;
    const loader = this.inputs.intent();
    const evaluation = evaluate({
      intent: loader.intent,
      regions: this.inputs.regions(),
      now: this.inputs.now(),
      ...(this.inputs.observedTraffic !== undefined
        ? { observedTraffic: this.inputs.observedTraffic() }
        : {}),
    });
    this.current = {
      evaluation,
      intent: {
        loadOk: loader.lastLoadOk,
        lastLoadAt: loader.lastAttemptAt,
        lastSuccessAt: loader.lastSuccessAt,
      },
      build: this.inputs.build,
      limits: this.inputs.limits,
      ...(this.inputs.sourceKinds !== undefined ? { sourceKinds: this.inputs.sourceKinds() } : {}),
      ...(this.inputs.shard !== undefined ? { shard: this.inputs.shard } : {}),
      ...(this.inputs.trafficQueries !== undefined
        ? { trafficQueries: this.inputs.trafficQueries() }
        : {}),
      ...(this.inputs.probes !== undefined ? { probes: this.inputs.probes() } : {}),
    };
    return this.current;
  }

  /**
   * Asks for an evaluation soon. Changes arrive in bursts (every region's
   * poll, an intent reload); one evaluation after the burst is enough.
   */
  requestPublish(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      if (this.pending) this.publishNow();
    });
  }
}
