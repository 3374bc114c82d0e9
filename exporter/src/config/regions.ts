/**
 * The regions to verify and their sources, from the config file and from
 * `--snapshot REGION=PATH` flags.
 */
import { resolve } from 'node:path';

import { parseDuration } from '../intent/duration.js';
import { regionNameSchema } from '../intent/schema.js';
import type { PrometheusTrafficOptions } from '../sources/prometheus-traffic.js';
import type { ConfigFile } from './schema.js';
import { OptionsError } from './options-error.js';

/** A region read from `kubectl get -o json` dumps. */
export interface SnapshotSourceOptions {
  type: 'snapshot';
  /** A file, or a folder of files; absolute. */
  path: string;
  /** Older data makes the region unknown; 0 disables the check. */
  maxAgeMs: number;
  pollIntervalMs: number;
}

/** A region watched live through its Kubernetes API. */
export interface KubernetesSourceOptions {
  type: 'kubernetes';
  /** A kubeconfig file, absolute; absent: `$KUBECONFIG`, then `~/.kube/config`. */
  kubeconfig?: string;
  context?: string;
  inCluster: boolean;
  namespaces: { include: string[]; exclude: string[] };
  labelSelector?: string;
  /** Data older than this makes the region unknown (`maxStaleness`); 0 disables the check. */
  maxAgeMs: number;
}

/** One region and where its state comes from. */
export interface RegionOptions {
  name: string;
  source: SnapshotSourceOptions | KubernetesSourceOptions;
  /** The region's Prometheus, for the observed traffic layer. */
  prometheus?: PrometheusTrafficOptions;
}

/** How often a snapshot file is checked for change unless the config says otherwise. */
export const DEFAULT_SNAPSHOT_POLL_INTERVAL_MS = 2_000;

/**
 * The regions of the config file, paths resolved against its folder.
 * `maxAgeOverride` (from `--max-age`) beats every region's own maxAge.
 */
export function regionsFromConfig(
  regions: NonNullable<ConfigFile['regions']>,
  fileDir: string,
  defaultMaxAgeMs: number,
  maxAgeOverride: number | undefined,
): RegionOptions[] {
  return regions.map((region): RegionOptions => {
    if (region.kubernetes !== undefined) {
      const source = kubernetesSource(region.kubernetes, fileDir, defaultMaxAgeMs, maxAgeOverride);
      return { name: region.name, source };
    }
    // The schema guarantees exactly one source.
    const snapshot = region.snapshot as NonNullable<typeof region.snapshot>;
    const ownMaxAge = snapshot.maxAge !== undefined ? parseDuration(snapshot.maxAge) : undefined;
    return {
      name: region.name,
      source: {
        type: 'snapshot',
        path: resolve(fileDir, snapshot.path),
        maxAgeMs: maxAgeOverride ?? ownMaxAge ?? defaultMaxAgeMs,
        pollIntervalMs:
          snapshot.pollInterval !== undefined
            ? parseDuration(snapshot.pollInterval)
            : DEFAULT_SNAPSHOT_POLL_INTERVAL_MS,
      },
    };
  });
}

type KubernetesSection = NonNullable<NonNullable<ConfigFile['regions']>[number]['kubernetes']>;

function kubernetesSource(
  section: KubernetesSection,
  fileDir: string,
  defaultMaxAgeMs: number,
  maxAgeOverride: number | undefined,
): KubernetesSourceOptions {
  const ownMaxAge =
    section.maxStaleness !== undefined ? parseDuration(section.maxStaleness) : undefined;
  return {
    type: 'kubernetes',
    ...(section.kubeconfig !== undefined
      ? { kubeconfig: resolve(fileDir, section.kubeconfig) }
      : {}),
    ...(section.context !== undefined ? { context: section.context } : {}),
    inCluster: section.inCluster ?? false,
    namespaces: {
      include: section.namespaces?.include ?? [],
      exclude: section.namespaces?.exclude ?? [],
    },
    ...(section.labelSelector !== undefined ? { labelSelector: section.labelSelector } : {}),
    maxAgeMs: maxAgeOverride ?? ownMaxAge ?? defaultMaxAgeMs,
  };
}

/** Applies `--snapshot REGION=PATH` flags: each adds a region or replaces a region's source. */
export function applySnapshotFlags(
  regions: RegionOptions[],
  flags: readonly string[],
  cwd: string,
  maxAgeMs: number,
): RegionOptions[] {
  const result = [...regions];
  for (const flag of flags) {
    const { name, path } = parseSnapshotFlag(flag);
    const region: RegionOptions = {
      name,
      source: {
        type: 'snapshot',
        path: resolve(cwd, path),
        maxAgeMs,
        pollIntervalMs: DEFAULT_SNAPSHOT_POLL_INTERVAL_MS,
      },
    };
    const index = result.findIndex((existing) => existing.name === name);
    if (index === -1) result.push(region);
    else result[index] = region;
  }
  return result;
}

function parseSnapshotFlag(flag: string): { name: string; path: string } {
  const equals = flag.indexOf('=');
  const name = flag.slice(0, equals);
  const path = flag.slice(equals + 1);
  if (equals <= 0 || path === '') {
    throw new OptionsError('--snapshot', flag, 'expected REGION=PATH, e.g. eu-west=./eu-west.json');
  }
  const valid = regionNameSchema.safeParse(name);
  if (!valid.success) {
    throw new OptionsError(
      '--snapshot',
      flag,
      `region name ${JSON.stringify(name)}: ${valid.error.issues[0]?.message}`,
    );
  }
  return { name, path };
}
