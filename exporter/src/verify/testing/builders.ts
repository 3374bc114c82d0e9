/**
 * Small builders of intents and projected observations for engine tests.
 * `R` is reg.example.test/shop/api, as in the field cases; DA, DB, DC are
 * full digests and DI a multi-arch index digest.
 */
import type { Intent, IntendedRelease, IntendedWorkload } from '../../intent/model.js';
import type {
  ClusterState,
  ContainerView,
  PodView,
  RegionObservation,
  WorkloadView,
} from '../../sources/observations.js';
import { parseImageReference } from '../image-reference.js';

export const R = 'reg.example.test/shop/api';
const hex = (c: string) => c.repeat(64);
export const DA = `sha256:${hex('a')}`;
export const DB = `sha256:${hex('b')}`;
export const DC = `sha256:${hex('c')}`;
export const DD = `sha256:${hex('d')}`;
export const DI = `sha256:${hex('e')}`;

export const MINUTE = 60_000;
/** The time every test evaluates at: 2026-12-01T12:00:00Z. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');

/** A release whose container `app` runs `image`, with optional platform digests. */
export function release(
  version: string,
  image: string,
  extra: { platforms?: string[]; released?: number; container?: string } = {},
): IntendedRelease {
  const reference = parseImageReference(image);
  const platforms = extra.platforms ?? [];
  return {
    version,
    ...(extra.released !== undefined ? { released: extra.released } : {}),
    containers: {
      [extra.container ?? 'app']: {
        image,
        reference,
        digests: [reference.digest!, ...platforms],
        platformsListed: extra.platforms !== undefined,
      },
    },
  };
}

/** An intended workload `shop/api` with the given history, newest first. */
export function workload(
  releases: IntendedRelease[],
  extra: Partial<IntendedWorkload> = {},
): IntendedWorkload {
  return {
    name: 'api',
    namespace: 'shop',
    releases,
    regions: {},
    rolloutGraceMs: 15 * MINUTE,
    staleAfterReleases: 2,
    file: 'intent.yaml',
    firstSeen: {},
    ...extra,
  };
}

/** The usual history: 1.15.0 on DA (released an hour ago), 1.14.2 on DB, 1.13.0 on DC. */
export function history(releasedAgo = 60 * MINUTE): IntendedRelease[] {
  return [
    release('1.15.0', `${R}:1.15.0@${DA}`, { released: NOW - releasedAgo, platforms: [] }),
    release('1.14.2', `${R}@${DB}`, { platforms: [] }),
    release('1.13.0', `${R}@${DC}`, { platforms: [] }),
  ];
}

export function intentOf(workloads: IntendedWorkload[]): Intent {
  return { workloads, files: ['intent.yaml'], loadedAt: NOW - 24 * 60 * MINUTE };
}

/** A container of a pod, ready and running `imageID` unless told otherwise. */
export function container(imageID: string, extra: Partial<ContainerView> = {}): ContainerView {
  return {
    name: 'app',
    role: 'main',
    specImage: `${R}:1.15.0`,
    imageID,
    ready: true,
    state: 'running',
    restartCount: 0,
    ...extra,
  };
}

let podCounter = 0;

/** A pod of the Deployment `shop/api` through ReplicaSet `api-<hash>`. */
export function pod(containers: ContainerView[], extra: Partial<PodView> = {}): PodView {
  podCounter += 1;
  return {
    namespace: 'shop',
    name: `api-7c9d-${podCounter}`,
    uid: `uid-${podCounter}`,
    phase: 'Running',
    owner: { kind: 'ReplicaSet', name: 'api-7c9d' },
    templateHash: '7c9d',
    startTime: NOW - 120 * MINUTE,
    containers,
    ...extra,
  };
}

/** The Deployment `shop/api`, complete on `image` unless told otherwise. */
export function deployment(image: string, extra: Partial<WorkloadView> = {}): WorkloadView {
  return {
    kind: 'Deployment',
    namespace: 'shop',
    name: 'api',
    generation: 3,
    observedGeneration: 3,
    replicas: 4,
    updatedReplicas: 4,
    readyReplicas: 4,
    availableReplicas: 4,
    strategy: 'RollingUpdate',
    paused: false,
    images: { app: image },
    conditions: [
      { type: 'Available', status: 'True' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
    ...extra,
  };
}

/** A cluster state with the given workloads and pods, and api's ReplicaSet. */
export function cluster(workloads: WorkloadView[], pods: PodView[]): ClusterState {
  return {
    workloads,
    pods,
    controllerRevisions: [],
    replicaSets: [
      {
        namespace: 'shop',
        name: 'api-7c9d',
        owner: { kind: 'Deployment', name: 'api' },
        templateHash: '7c9d',
        revision: 3,
        createdAt: NOW - 50 * MINUTE,
        replicas: 4,
        images: {},
      },
    ],
  };
}

/** A healthy region observation of `state`, synced a few seconds ago. */
export function observed(state: ClusterState, region = 'eu-west'): RegionObservation {
  return {
    region,
    source: `snapshot:/snapshots/${region}.json`,
    up: true,
    lastSync: NOW - 5_000,
    maxAgeMs: 10 * MINUTE,
    state,
  };
}
