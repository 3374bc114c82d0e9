/**
 * From the reflectors of one region to what the engine and the metrics
 * read: the region's health, its merged state and per-kind summaries.
 */
import { emptyClusterState, type ClusterState } from '../observations.js';
import type { ReflectorStatus } from './reflector-health.js';
import type { View, WatchedKind } from './resources.js';

/** The health of a region, from its reflectors. */
export interface RegionHealth {
  /** Every readable kind has completed a list. */
  synced: boolean;
  /** No readable kind is failing. */
  up: boolean;
  /** The oldest moment at which every readable kind was known current. */
  lastSync?: number;
  error?: string;
  /** Kinds this identity may not read (403). */
  unreadable: WatchedKind[];
}

/** Per kind, for the metrics: readable or not, objects held and counters. */
export interface KindSummary {
  kind: WatchedKind;
  /** 0 when any namespace of the kind answered 403. */
  readable: boolean;
  /** The CRD is not installed (Argo Rollouts); not an error. */
  absent: boolean;
  objects: number;
  watchRestarts: number;
  errors: number;
  relists: number;
}

const UNREADABLE_STATES = new Set(['forbidden', 'absent']);

/** The region's health from its reflectors' statuses at `now`. */
export function regionHealthOf(statuses: readonly ReflectorStatus[], now: number): RegionHealth {
  const readable = statuses.filter((status) => !UNREADABLE_STATES.has(status.state));
  const unreadable = [
    ...new Set(statuses.filter((s) => s.state === 'forbidden').map((s) => s.kind)),
  ];
  const synced = readable.every((status) => status.synced);
  const failing = readable.find((status) => status.state === 'failing');

  const freshness = readable.map((status) => (status.connected ? now : (status.freshAt ?? 0)));
  const lastSync = synced ? Math.min(now, ...freshness) : undefined;
  const error =
    failing !== undefined ? `${failing.kind}: ${failing.error ?? 'failing'}` : undefined;
  return {
    synced,
    up: failing === undefined && synced,
    ...(lastSync !== undefined && lastSync > 0 ? { lastSync } : {}),
    ...(error !== undefined ? { error } : {}),
    unreadable,
  };
}

/** The projected objects of one reflector and where they go in a ClusterState. */
export interface StoreOfViews {
  bucket: keyof ClusterState;
  views: ReadonlyMap<string, View>;
}

/** The merged ClusterState of every reflector's views. */
export function stateOf(
  stores: readonly StoreOfViews[],
  unreadable: ReadonlySet<keyof ClusterState> = new Set(),
): ClusterState {
  // The same buckets as a snapshot of pods, workloads, ConfigMaps and routes.
  const state: ClusterState = { ...emptyClusterState(), configMaps: [], routes: [] };
  for (const { bucket, views } of stores) {
    const target = (state[bucket] ??= []) as View[];
    for (const view of views.values()) target.push(view);
  }
  // An optional part that could not be read is absent, not empty: an empty
  // list of ConfigMaps would read as "every referenced ConfigMap is missing".
  for (const bucket of unreadable) {
    if (bucket === 'configMaps' || bucket === 'routes') delete state[bucket];
  }
  return state;
}

/** Summaries per kind, summed over namespaces. */
export function summarizeKinds(statuses: readonly ReflectorStatus[]): KindSummary[] {
  const byKind = new Map<WatchedKind, KindSummary>();
  for (const status of statuses) {
    const summary = byKind.get(status.kind) ?? {
      kind: status.kind,
      readable: true,
      absent: false,
      objects: 0,
      watchRestarts: 0,
      errors: 0,
      relists: 0,
    };
    summary.readable &&= status.state !== 'forbidden';
    summary.absent ||= status.state === 'absent';
    summary.objects += status.objects;
    summary.watchRestarts += status.watchRestarts;
    summary.errors += status.errors;
    summary.relists += status.relists;
    byKind.set(status.kind, summary);
  }
  return [...byKind.values()];
}
