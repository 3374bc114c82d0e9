/**
 * Builds each region's source from its options: a snapshot poller or a
 * live Kubernetes watch.
 */
import type { KubernetesSourceOptions, RegionOptions } from '../config/regions.js';
import type { Logger } from '../log/logger.js';
import type { Shard } from '../sources/kubernetes/scope.js';
import { kubernetesSourceName } from '../sources/kubernetes/access.js';
import type { RegionSource } from '../sources/region-source.js';
import { SnapshotSource, snapshotSourceName } from '../sources/snapshot-source.js';

/** One region and its snapshot source. */
export interface SnapshotRegion {
  name: string;
  path: string;
  maxAgeMs: number;
  pollIntervalMs?: number;
}

/** One region watched through its Kubernetes API. */
export interface KubernetesRegion {
  name: string;
  kubernetes: Omit<KubernetesSourceOptions, 'type'>;
}

/** A region of the runtime. */
export type RuntimeRegion = SnapshotRegion | KubernetesRegion;

/** What every source of one exporter shares. */
export interface SourceContext {
  logger: Logger;
  onChange: () => void;
  shard?: Shard;
  /** The installation's HMAC key for Secret hashes. */
  secretKey?: Uint8Array;
}

/**
 * Creates the source of one region. The Kubernetes client library is
 * loaded only when a region watches a cluster: it is most of start-up.
 */
export async function createSource(
  region: RuntimeRegion,
  context: SourceContext,
): Promise<RegionSource> {
  const logger = context.logger.child({ region: region.name });
  if ('kubernetes' in region) return kubernetesSource(region, context, logger);

  return new SnapshotSource({
    region: region.name,
    path: region.path,
    maxAgeMs: region.maxAgeMs,
    logger,
    onChange: context.onChange,
    ...(region.pollIntervalMs !== undefined ? { pollIntervalMs: region.pollIntervalMs } : {}),
    ...(context.secretKey !== undefined ? { secretKey: context.secretKey } : {}),
  });
}

async function kubernetesSource(
  region: KubernetesRegion,
  context: SourceContext,
  logger: Logger,
): Promise<RegionSource> {
  const { KubernetesSource } = await import('../sources/kubernetes/source.js');
  const { kubeconfig, context: kubeContext, inCluster, namespaces } = region.kubernetes;
  return new KubernetesSource({
    region: region.name,
    access: {
      inCluster,
      ...(kubeconfig !== undefined ? { kubeconfig } : {}),
      ...(kubeContext !== undefined ? { context: kubeContext } : {}),
    },
    scope: { ...namespaces, ...(context.shard !== undefined ? { shard: context.shard } : {}) },
    ...(region.kubernetes.labelSelector !== undefined
      ? { labelSelector: region.kubernetes.labelSelector }
      : {}),
    maxStalenessMs: region.kubernetes.maxAgeMs,
    logger,
    onChange: context.onChange,
  });
}

/** The source name of a region, before its source exists. */
export function sourceNameOf(region: RuntimeRegion): string {
  if (!('kubernetes' in region)) return snapshotSourceName(region.path);
  const { inCluster, context } = region.kubernetes;
  return kubernetesSourceName({ inCluster, ...(context !== undefined ? { context } : {}) });
}

/** The runtime's view of a configured region. */
export function runtimeRegionOf({ name, source }: RegionOptions): RuntimeRegion {
  if (source.type === 'kubernetes') return { name, kubernetes: source };
  return {
    name,
    path: source.path,
    maxAgeMs: source.maxAgeMs,
    pollIntervalMs: source.pollIntervalMs,
  };
}
