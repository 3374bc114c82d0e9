/**
 * The families about live Kubernetes sources: per region and kind, whether
 * the kind may be read, how many objects are held, and how often watches
 * restarted, failed and relisted; and which shard of a cluster this
 * exporter watches. An operator reads these to learn why a region is unknown.
 */
import { Counter, type Registry } from 'prom-client';

import { registerGauge, type FamilyDefinition } from './family.js';

/** One kind of one region's source, as the metrics show it. */
export interface SourceKindStatus {
  kind: string;
  readable: boolean;
  /** The CRD is not installed (Argo Rollouts): shown as no series. */
  absent: boolean;
  objects: number;
  watchRestarts: number;
  errors: number;
  relists: number;
}

/** The kinds of one region's live source. */
export interface SourceKinds {
  region: string;
  kinds: SourceKindStatus[];
}

/** This exporter's shard when several split a cluster by namespace. */
export interface ShardStatus {
  index: number;
  count: number;
}

type RegionKind = 'region' | 'kind';

/** 1 when the kind may be read, 0 after 403 Forbidden. */
export const SOURCE_KIND_READABLE: FamilyDefinition<RegionKind> = {
  name: 'realitycheck_source_kind_readable',
  help: 'Whether the source may read the kind (1) or the API answered 403 Forbidden (0); workloads that depend on an unreadable kind are unknown.',
  type: 'gauge',
  labelNames: ['region', 'kind'],
};

/** Objects held per kind, as projections. */
export const SOURCE_OBJECTS: FamilyDefinition<RegionKind> = {
  name: 'realitycheck_source_objects',
  help: 'Objects of the kind the source holds (as small projections, never whole objects).',
  type: 'gauge',
  labelNames: ['region', 'kind'],
};

/** Watch streams that ended and were reopened. */
export const SOURCE_WATCH_RESTARTS: FamilyDefinition<RegionKind> = {
  name: 'realitycheck_source_watch_restarts_total',
  help: "Watch streams of the kind that ended (the server's timeout, a drop, an error) and were reopened.",
  type: 'counter',
  labelNames: ['region', 'kind'],
};

/** Lists and watches that failed. */
export const SOURCE_WATCH_ERRORS: FamilyDefinition<RegionKind> = {
  name: 'realitycheck_source_watch_errors_total',
  help: 'Lists and watches of the kind that failed or broke off (refused, reset, non-200 answers).',
  type: 'counter',
  labelNames: ['region', 'kind'],
};

/** Lists after the first: after 410 Gone or regained permission. */
export const SOURCE_RELISTS: FamilyDefinition<RegionKind> = {
  name: 'realitycheck_source_relists_total',
  help: 'Complete lists of the kind after the first, mostly after 410 Gone (the watched resourceVersion was compacted).',
  type: 'counter',
  labelNames: ['region', 'kind'],
};

/** This exporter's shard index. */
export const SHARD_INDEX: FamilyDefinition<never> = {
  name: 'realitycheck_shard_index',
  help: 'The shard of the cluster this exporter watches, from --shard i/n (0-based); namespaces are split by a hash of their name.',
  type: 'gauge',
  labelNames: [],
};

/** How many shards split the cluster. */
export const SHARDS: FamilyDefinition<never> = {
  name: 'realitycheck_shards',
  help: 'How many exporters split the cluster by namespace, from --shard i/n.',
  type: 'gauge',
  labelNames: [],
};

/** The families of this module, for the naming rules. */
export const KUBERNETES_FAMILIES: readonly FamilyDefinition[] = [
  SOURCE_KIND_READABLE,
  SOURCE_OBJECTS,
  SOURCE_WATCH_RESTARTS,
  SOURCE_WATCH_ERRORS,
  SOURCE_RELISTS,
  SHARD_INDEX,
  SHARDS,
];

/**
 * Registers and fills the families. Nothing is registered without live
 * sources, so exporters over snapshots show none of them.
 */
export function fillKubernetes(
  registry: Registry,
  sources: readonly SourceKinds[] | undefined,
  shard: ShardStatus | undefined,
): void {
  if (shard !== undefined) {
    registerGauge(SHARD_INDEX, registry).set(shard.index);
    registerGauge(SHARDS, registry).set(shard.count);
  }
  if (sources === undefined || sources.length === 0) return;

  const readable = registerGauge(SOURCE_KIND_READABLE, registry);
  const objects = registerGauge(SOURCE_OBJECTS, registry);
  const restarts = registerCounter(SOURCE_WATCH_RESTARTS, registry);
  const errors = registerCounter(SOURCE_WATCH_ERRORS, registry);
  const relists = registerCounter(SOURCE_RELISTS, registry);
  for (const source of sources) {
    for (const status of source.kinds) {
      if (status.absent) continue;
      const labels = { region: source.region, kind: status.kind };
      readable.set(labels, status.readable ? 1 : 0);
      objects.set(labels, status.objects);
      restarts.inc(labels, status.watchRestarts);
      errors.inc(labels, status.errors);
      relists.inc(labels, status.relists);
    }
  }
}

/**
 * A counter for one render: registries are rebuilt per publication, so the
 * source's running total is written as the counter's value.
 */
function registerCounter<L extends string>(
  definition: FamilyDefinition<L>,
  registry: Registry,
): Counter<L> {
  return new Counter<L>({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    registers: [registry],
  });
}
