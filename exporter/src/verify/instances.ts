/**
 * The running layer: what each serving container of a workload runs, and
 * how far that is from the release intended in its region.
 */
import type { IntendedWorkload } from '../intent/model.js';
import type { ContainerView, PodView } from '../sources/observations.js';
import { parseImageId } from './image-id.js';
import { matchDigest, mayBePlatformDigest } from './releases.js';

/** Why an instance cannot be compared. */
export type UnknownReason = 'NoManifestDigest' | 'PossiblePlatformDigest' | 'UnparsableImageID';

/** One container of one pod, placed against the intent. */
export type Instance = {
  pod: PodView;
  container: string;
  /** Ready and running: counts towards the share of instances serving a release. */
  serving: boolean;
} & (
  | { kind: 'pending'; digest: string; version: string }
  | { kind: 'unknown'; reason: UnknownReason }
  | { kind: 'release'; digest: string; version: string; behind: number }
  | { kind: 'unexpected'; digest: string }
);

/** Pod phases whose containers no longer run: finished Job-like pods. */
const FINISHED_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

/**
 * Places every compared container of a workload's pods. Only containers the
 * intended release names are compared: a mesh proxy injected at admission
 * is not the workload's. Completed init containers and ephemeral debug
 * containers never serve.
 */
export function placeInstances(
  workload: IntendedWorkload,
  intendedIndex: number,
  pods: readonly PodView[],
): Instance[] {
  const release = workload.releases[intendedIndex];
  if (release === undefined) return [];

  const instances: Instance[] = [];
  for (const pod of pods) {
    if (FINISHED_PHASES.has(pod.phase)) continue;
    for (const container of pod.containers) {
      if (container.role === 'init' || container.role === 'ephemeral') continue;
      if (release.containers[container.name] === undefined) continue;
      instances.push(placeContainer(workload, intendedIndex, pod, container));
    }
  }
  return instances;
}

function placeContainer(
  workload: IntendedWorkload,
  intendedIndex: number,
  pod: PodView,
  container: ContainerView,
): Instance {
  const base = {
    pod,
    container: container.name,
    serving: container.state === 'running' && container.ready,
  };
  const running = parseImageId(container.imageID);

  if (running.kind === 'none') return { ...base, kind: 'pending', digest: '', version: '' };
  if (running.kind === 'config') return { ...base, kind: 'unknown', reason: 'NoManifestDigest' };
  if (running.kind === 'unparsed') return { ...base, kind: 'unknown', reason: 'UnparsableImageID' };

  const match = matchDigest(workload, container.name, running.digest, intendedIndex);
  if (match === undefined) {
    const intended = workload.releases[intendedIndex]!;
    if (mayBePlatformDigest(intended, container.name, running.repository)) {
      return { ...base, kind: 'unknown', reason: 'PossiblePlatformDigest' };
    }
    return { ...base, kind: 'unexpected', digest: running.digest };
  }
  if (!base.serving) {
    // Present but not serving (crash-looping, not ready): F05.
    return { ...base, kind: 'pending', digest: running.digest, version: match.version };
  }
  return {
    ...base,
    kind: 'release',
    digest: running.digest,
    version: match.version,
    behind: match.index - intendedIndex,
  };
}

/** The `releases_behind` label value of an instance. */
export function releasesBehindLabel(instance: Instance): string {
  if (instance.kind === 'release') return String(instance.behind);
  return instance.kind;
}
