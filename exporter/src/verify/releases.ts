/**
 * A workload's release history as a lookup: which release a digest belongs
 * to, and how far that release is from the one intended in a region.
 */
import type { IntendedRelease, IntendedWorkload } from '../intent/model.js';
import { repositoryName } from './image-reference.js';

/** A digest found in the release history. */
export interface ReleaseMatch {
  /** Position in the history, newest first. */
  index: number;
  version: string;
}

/** The release intended in a region, or undefined when the region is skipped. */
export function intendedReleaseIndex(
  workload: IntendedWorkload,
  region: string,
): number | undefined {
  const override = workload.regions[region];
  if (override?.skip === true) return undefined;
  if (override?.release === undefined) return 0;

  const index = workload.releases.findIndex((r) => r.version === override.release);
  // The intent loader rejects overrides that name no release; 0 keeps this total.
  return index === -1 ? 0 : index;
}

/**
 * The release a running digest of a container belongs to. When several
 * releases share a digest (a sidecar left unchanged), the intended one wins,
 * then the newest: an unchanged container is not behind.
 */
export function matchDigest(
  workload: IntendedWorkload,
  container: string,
  digest: string,
  intendedIndex: number,
): ReleaseMatch | undefined {
  const intended = workload.releases[intendedIndex];
  if (intended?.containers[container]?.digests.includes(digest) === true) {
    return { index: intendedIndex, version: intended.version };
  }
  const index = workload.releases.findIndex((release) =>
    release.containers[container]?.digests.includes(digest),
  );
  const release = workload.releases[index];
  return release === undefined ? undefined : { index, version: release.version };
}

/**
 * True when a digest of no known release may still be a platform manifest
 * of the intended image: the intent lists no platforms for it and the
 * digest comes from the same repository.
 */
export function mayBePlatformDigest(
  release: IntendedRelease,
  container: string,
  runningRepository: string | undefined,
): boolean {
  const intended = release.containers[container];
  if (intended === undefined || intended.platformsListed) return false;
  return runningRepository === repositoryName(intended.reference);
}

/** When a release became the intended one: its `released` time or when it was first seen. */
export function intendedSince(
  workload: IntendedWorkload,
  release: IntendedRelease,
  fallback: number,
): number {
  return release.released ?? workload.firstSeen[release.version] ?? fallback;
}
