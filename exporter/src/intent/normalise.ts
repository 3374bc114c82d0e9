/**
 * Turns a validated intent file into the Intent model: durations in
 * milliseconds, times in epoch milliseconds, image references parsed and
 * every digest that identifies a container's release listed.
 */
import { normaliseDigest, parseImageReference } from '../verify/image-reference.js';
import { parseDuration } from './duration.js';
import {
  DEFAULT_ROLLOUT_GRACE_MS,
  DEFAULT_STALE_AFTER_RELEASES,
  type IntendedContainer,
  type IntendedRelease,
  type IntendedTraffic,
  type IntendedWorkload,
  type RegionOverride,
} from './model.js';
import { normaliseProbe } from './probe.js';
import type { IntentFile, WorkloadEntry } from './schema.js';

type ReleaseEntry = WorkloadEntry['releases'][number];
type ContainerEntry = ReleaseEntry['containers'][string];

/**
 * The workloads of one validated file. `firstSeen` is the time every
 * version counts as first seen until a reloader knows better.
 */
export function normaliseIntentFile(
  entry: IntentFile,
  file: string,
  firstSeen: number,
): IntendedWorkload[] {
  const defaults = entry.defaults ?? {};
  return entry.workloads.map((workload) => {
    const grace = workload.rolloutGrace ?? defaults.rolloutGrace;
    return {
      name: workload.name,
      namespace: workload.namespace,
      ...(workload.kind !== undefined ? { kind: workload.kind } : {}),
      releases: workload.releases.map(normaliseRelease),
      regions: normaliseRegions(workload.regions ?? {}),
      ...(workload.traffic !== undefined ? { traffic: normaliseTraffic(workload.traffic) } : {}),
      ...(workload.probe !== undefined ? { probe: normaliseProbe(workload.probe) } : {}),
      rolloutGraceMs: grace !== undefined ? parseDuration(grace) : DEFAULT_ROLLOUT_GRACE_MS,
      staleAfterReleases:
        workload.staleAfterReleases ?? defaults.staleAfterReleases ?? DEFAULT_STALE_AFTER_RELEASES,
      file,
      firstSeen: Object.fromEntries(
        workload.releases.map((release) => [release.version, firstSeen]),
      ),
    };
  });
}

type RegionEntry = NonNullable<WorkloadEntry['regions']>[string];
type TrafficEntry = NonNullable<WorkloadEntry['traffic']>;

function normaliseRegions(regions: Record<string, RegionEntry>): Record<string, RegionOverride> {
  return Object.fromEntries(
    Object.entries(regions).map(([region, { traffic, ...override }]) => [
      region,
      { ...override, ...(traffic !== undefined ? { traffic: normaliseTraffic(traffic) } : {}) },
    ]),
  );
}

function normaliseTraffic(traffic: TrafficEntry): IntendedTraffic {
  const { settle, changed, ...rest } = traffic;
  return {
    ...rest,
    ...(settle !== undefined ? { settleMs: parseDuration(settle) } : {}),
    ...(changed !== undefined ? { changed: Date.parse(changed) } : {}),
  };
}

function normaliseRelease(release: ReleaseEntry): IntendedRelease {
  const containers = Object.fromEntries(
    Object.entries(release.containers).map(([name, container]) => [
      name,
      normaliseContainer(container),
    ]),
  );
  return {
    version: release.version,
    ...(release.released !== undefined ? { released: Date.parse(release.released) } : {}),
    containers,
    ...(release.config !== undefined ? { config: release.config } : {}),
    ...(release.env !== undefined ? { env: release.env } : {}),
    ...(release.flags !== undefined ? { flags: release.flags } : {}),
  };
}

function normaliseContainer(container: ContainerEntry): IntendedContainer {
  const reference = parseImageReference(container.image);
  const digests = [reference.digest, ...(container.platforms ?? [])]
    .filter((digest): digest is string => digest !== undefined)
    .map(normaliseDigest);
  return {
    image: container.image,
    reference,
    digests: [...new Set(digests)],
    platformsListed: container.platforms !== undefined,
  };
}

/** `namespace/name`, the identity of a workload across files. */
export function workloadKey(workload: { namespace: string; name: string }): string {
  return `${workload.namespace}/${workload.name}`;
}
