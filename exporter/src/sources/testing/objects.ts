/**
 * Shared parts of the fixture builders: object metadata as an API server
 * fills it, deterministic ids, digests and imageIDs, and the `kubectl get
 * -o json` wrapper. Everything is deterministic, so that tests may compare
 * exact output.
 */
import { createHash } from 'node:crypto';

/** A Kubernetes object as plain JSON, the way kubectl prints it. */
export type KubeObject = Record<string, unknown>;

/** Default creation time of fixture objects. */
export const FIXTURE_TIME = '2026-11-30T12:00:00Z';

/** Default namespace of fixture objects. */
export const FIXTURE_NAMESPACE = 'shop';

/** A controller of an object, written into `ownerReferences` with `controller: true`. */
export interface OwnerFixture {
  kind: string;
  name: string;
  /** Defaults by kind: apps/v1, batch/v1 for Job, argoproj.io/v1alpha1 for Rollout. */
  apiVersion?: string;
}

function sha256Hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A full `sha256:` digest derived from a seed: `digest('api 1.4')`. */
export function digest(seed: string): string {
  return `sha256:${sha256Hex(seed)}`;
}

/** `reg.example.test/<repo>:<version>@sha256:...`, pinned by a digest derived from both. */
export function pinnedImage(repo: string, version: string): string {
  return `reg.example.test/${repo}:${version}@${digest(`${repo} ${version}`)}`;
}

/** A UUID-shaped uid, the same for the same object every time. */
export function uidFor(kind: string, namespace: string, name: string): string {
  const hex = sha256Hex(`${kind}/${namespace}/${name}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The alphabet Kubernetes uses for generated name suffixes and pod-template-hash values. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style hash or name suffix of `length` characters, derived from a seed. */
export function safeSuffix(seed: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  return [...bytes.subarray(0, length)].map((byte) => SAFE_ALPHABET[byte % 27]).join('');
}

/** The forms runtimes write into `containerStatuses[].imageID` (see field case F01). */
export const imageIds = {
  /** dockershim / cri-dockerd: `docker-pullable://R@sha256:...`. */
  dockerPullable: (repository: string, manifestDigest: string) =>
    `docker-pullable://${repository}@${manifestDigest}`,
  /** containerd and CRI-O: `R@sha256:...`. */
  repoDigest: (repository: string, manifestDigest: string) => `${repository}@${manifestDigest}`,
  /** A locally built or loaded image: only the image-config id, `docker://sha256:...`. */
  dockerConfig: (configDigest: string) => `docker://${configDigest}`,
  /** Not pulled yet (Pending, ContainerCreating, ImagePullBackOff). */
  none: '',
} as const;

/** The repository of an image reference: `R:1.4@sha256:...` -> `R`. */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * The imageID containerd reports for an image: its repository and digest.
 * A reference pinned by digest keeps its digest; a tag gets one derived from
 * the reference, so two tags never share a digest by accident.
 */
export function pulledImageId(image: string): string {
  const pinned = /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1];
  return imageIds.repoDigest(repositoryOf(image), pinned ?? digest(image));
}

const DEFAULT_OWNER_API_VERSION: Record<string, string> = {
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Rollout: 'argoproj.io/v1alpha1',
};

/** An owner reference as controllers write it: controller and blockOwnerDeletion set. */
export function ownerReference(owner: OwnerFixture, namespace: string): KubeObject {
  return {
    apiVersion: owner.apiVersion ?? DEFAULT_OWNER_API_VERSION[owner.kind] ?? 'apps/v1',
    kind: owner.kind,
    name: owner.name,
    uid: uidFor(owner.kind, namespace, owner.name),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** What objectMeta() needs to fill `metadata`. */
export interface MetaFixture {
  kind: string;
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: OwnerFixture;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/** `metadata` as the API server fills it: uid, resourceVersion, creationTimestamp. */
export function objectMeta(meta: MetaFixture): KubeObject {
  const metadata: KubeObject = {
    name: meta.name,
    namespace: meta.namespace,
    uid: uidFor(meta.kind, meta.namespace, meta.name),
    resourceVersion: String(parseInt(sha256Hex(`rv/${meta.kind}/${meta.name}`).slice(0, 7), 16)),
    creationTimestamp: meta.creationTimestamp ?? FIXTURE_TIME,
  };
  if (meta.generation !== undefined) metadata.generation = meta.generation;
  if (meta.labels !== undefined) metadata.labels = meta.labels;
  if (meta.annotations !== undefined) metadata.annotations = meta.annotations;
  if (meta.owner !== undefined)
    metadata.ownerReferences = [ownerReference(meta.owner, meta.namespace)];
  if (meta.deletionTimestamp !== undefined) {
    metadata.deletionTimestamp = meta.deletionTimestamp;
    metadata.deletionGracePeriodSeconds = 30;
  }
  return metadata;
}

/** Wraps objects as `kubectl get ... -A -o json` prints them: a `v1` List. */
export function kubectlList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** A time `seconds` after (or before, when negative) an RFC 3339 time, as RFC 3339. */
export function timeAfter(time: string, seconds: number): string {
  return new Date(Date.parse(time) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}
