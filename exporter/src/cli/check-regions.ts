/**
 * The regions of one `check` pass: snapshots are read once; a Kubernetes
 * region is synced once (its first lists), observed and left, so a CD gate
 * needs no dump of the cluster.
 */
import { silentLogger } from '../log/logger.js';
import { createSource, type RuntimeRegion } from '../runtime/sources.js';
import type { RegionObservation } from '../sources/observations.js';
import { readSnapshot } from '../sources/snapshot-source.js';

/** Reads every region once, in parallel. */
export function readRegionsOnce(
  regions: readonly RuntimeRegion[],
  secretKey: Uint8Array | undefined,
): Promise<RegionObservation[]> {
  return Promise.all(
    regions.map((region) =>
      'kubernetes' in region
        ? syncOnce(region, secretKey)
        : readSnapshot(region.path, {
            region: region.name,
            maxAgeMs: region.maxAgeMs,
            ...(secretKey !== undefined ? { secretKey } : {}),
          }),
    ),
  );
}

/**
 * Starts the source, which resolves once every kind has been listed (or
 * its start-up wait ran out), observes it and stops it. A failure shows in
 * the observation (`up: false` and the reason), as for a snapshot.
 */
async function syncOnce(
  region: RuntimeRegion,
  secretKey: Uint8Array | undefined,
): Promise<RegionObservation> {
  // The source logs through its own logger; check reports problems itself.
  const source = await createSource(region, {
    logger: silentLogger(),
    onChange: () => undefined,
    ...(secretKey !== undefined ? { secretKey } : {}),
  });
  try {
    await source.start();
    return source.observe();
  } finally {
    await source.stop();
  }
}
