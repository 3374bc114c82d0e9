/**
 * What one render of /metrics is made from, and the families about the
 * exporter itself: its build and the intent it holds.
 */
import type { Registry } from 'prom-client';

import { FINDING_CLASSES, type Evaluation, type Summary } from '../verify/evaluation.js';
import { registerGauge, toSeconds, type FamilyDefinition } from './family.js';
import type { ProbeStatus } from './probes.js';
import type { ShardStatus, SourceKinds } from './kubernetes.js';
import type { TrafficQueryStatus } from './traffic.js';

/** The state of the intent file as the loader last saw it. */
export interface IntentStatus {
  /** Whether the last load (the first or a reload) succeeded. */
  loadOk: boolean;
  /** When a load was last attempted, epoch milliseconds. */
  lastLoadAt?: number;
  /** When a load last succeeded, epoch milliseconds; absent until one has. */
  lastSuccessAt?: number;
}

/** The exporter's own version, from its package and the commit it was built from. */
export interface BuildStatus {
  version: string;
  revision: string;
}

/** Limits that keep label sets bounded. */
export interface MetricLimits {
  /** At most this many distinct digests per workload in `realitycheck_instances`. */
  digestsPerWorkload: number;
}

/** DESIGN.md: per workload at most N digests, N = 8 unless configured. */
export const DEFAULT_DIGESTS_PER_WORKLOAD = 8;

/** Everything one exposition is rendered from; a new object for every evaluation. */
export interface Publication {
  evaluation: Evaluation;
  intent: IntentStatus;
  build: BuildStatus;
  limits: MetricLimits;
  /** How each region's observed traffic layer is doing; absent when no region has one. */
  trafficQueries?: TrafficQueryStatus[];
  /** How the probes of each probed workload are doing; absent when nothing is probed. */
  probes?: ProbeStatus[];
  /** Per-kind health of live Kubernetes sources; absent when every region is a snapshot. */
  sourceKinds?: SourceKinds[];
  /** The shard of `--shard i/n`, when given. */
  shard?: ShardStatus;
}

/** The exporter's build; always 1. */
export const BUILD_INFO: FamilyDefinition<'version' | 'revision'> = {
  name: 'realitycheck_build_info',
  help: 'The version and revision of the running exporter; always 1.',
  type: 'gauge',
  labelNames: ['version', 'revision'],
};

/** Whether the last intent load worked. */
export const INTENT_LOAD_SUCCESS: FamilyDefinition<never> = {
  name: 'realitycheck_intent_load_success',
  help: 'Whether the last load of the intent succeeded (1) or failed and the last good intent is still in force (0).',
  type: 'gauge',
  labelNames: [],
};

/** When the intent in force was loaded. */
export const INTENT_LAST_LOAD: FamilyDefinition<never> = {
  name: 'realitycheck_intent_last_load_timestamp_seconds',
  help: 'When the intent in force was last loaded successfully; absent until a load succeeds.',
  type: 'gauge',
  labelNames: [],
};

/** The families of this module, for the naming rules. */
export const EXPORTER_STATUS_FAMILIES: readonly FamilyDefinition[] = [
  BUILD_INFO,
  INTENT_LOAD_SUCCESS,
  INTENT_LAST_LOAD,
];

/** Registers and fills the build and intent families. */
export function fillExporterStatus(registry: Registry, publication: Publication): void {
  registerGauge(BUILD_INFO, registry).set(publication.build, 1);
  registerGauge(INTENT_LOAD_SUCCESS, registry).set(publication.intent.loadOk ? 1 : 0);

  // An unlabelled prom-client gauge starts at 0, which would read as 1970:
  // the family is registered only once there is a time to show.
  const lastSuccessAt = publication.intent.lastSuccessAt;
  if (lastSuccessAt !== undefined) {
    registerGauge(INTENT_LAST_LOAD, registry).set(toSeconds(lastSuccessAt));
  }
}

/** A region as configured, before its source has answered. */
export interface ConfiguredRegion {
  name: string;
  source: string;
}

/**
 * The publication to serve before the first evaluation: every configured
 * region never synced, no workloads, no findings. /metrics then already
 * shows the build and `realitycheck_source_up 0` for each region.
 */
export function startingPublication(options: {
  at: number;
  regions: readonly ConfiguredRegion[];
  intent: IntentStatus;
  build: BuildStatus;
  limits?: MetricLimits;
}): Publication {
  const regions = options.regions.map((region) => ({
    region: region.name,
    source: region.source,
    up: false,
    health: 'never-synced' as const,
  }));
  const summary = Object.fromEntries(FINDING_CLASSES.map((c) => [c, 0])) as Summary;

  return {
    evaluation: { at: options.at, regions, workloads: [], findings: [], summary },
    intent: options.intent,
    build: options.build,
    limits: options.limits ?? { digestsPerWorkload: DEFAULT_DIGESTS_PER_WORKLOAD },
  };
}
