/**
 * The release `realitycheck intent` records for each workload of rendered
 * manifests: its version and time, each container's image pinned by digest
 * (from `--image` or from the manifest itself), and the config hash that
 * `realitycheck hash` prints for it. Pure: reading and writing files is the
 * command's.
 */
import type { ClusterState, WorkloadView } from '../sources/observations.js';
import { isSha256Digest, parseImageReference } from '../verify/image-reference.js';
import { hashWorkloads } from './hash.js';

/** One release to record, and the workload it belongs to. */
export interface ReleaseEntry {
  kind: WorkloadView['kind'];
  namespace: string;
  name: string;
  /** The manifest file the workload came from, for messages. */
  file: string;
  release: {
    version: string;
    released: string;
    containers: Record<string, { image: string }>;
    config: string;
  };
}

/** What the flags say about the release. */
export interface ReleaseOptions {
  version: string;
  /** RFC 3339. */
  released: string;
  /** `--image [workload/]container=ref`, parsed. */
  images: ImageOverride[];
  /** Only these workloads; all of the manifests when empty. */
  workloads: string[];
  /** For workloads whose manifest names no namespace. */
  namespace?: string;
}

/** One `--image`: a container's pinned image, optionally for one workload only. */
export interface ImageOverride {
  workload?: string;
  container: string;
  image: string;
}

/** Bad input: the message names the file or flag and the field, and how to fix it. */
export class IntentInputError extends Error {
  override readonly name = 'IntentInputError';
}

const DIGEST_HINT = 'name:tag@sha256:<64 hex>';

/** Parses one `--image [workload/]container=ref`, refusing a reference that pins no sha256 digest. */
export function parseImageFlag(value: string): ImageOverride {
  const match = /^(?:([^/=]+)\/)?([^/=]+)=(.+)$/.exec(value);
  if (match === null) {
    throw new IntentInputError(
      `--image ${value}: expected [workload/]container=${DIGEST_HINT}, e.g. app=reg.example.test/shop/api:1.2@sha256:...`,
    );
  }
  const [, workload, container, image] = match;
  const problem = digestProblem(image!);
  if (problem !== undefined) throw new IntentInputError(`--image ${value}: ${problem}`);
  return { ...(workload !== undefined ? { workload } : {}), container: container!, image: image! };
}

/**
 * The release of every selected workload. `files` says which manifest each
 * workload came from (`Kind/namespace/name` -> file), for messages.
 */
export function releasesOf(
  state: ClusterState,
  files: ReadonlyMap<string, string>,
  options: ReleaseOptions,
): ReleaseEntry[] {
  const selected = selectWorkloads(state.workloads, options.workloads);
  const hashes = new Map(hashWorkloads(state).map((h) => [keyOf(h), h.hash]));
  checkImagesNameContainers(selected, options.images);

  return selected.map((workload) => {
    const file = files.get(keyOf(workload)) ?? 'the manifests';
    const where = `${file}: ${workload.kind} ${workload.name}`;
    const namespace = workload.namespace || options.namespace;
    if (namespace === undefined || namespace === '') {
      throw new IntentInputError(`${where}: metadata.namespace is not set; pass --namespace`);
    }
    const containers = containersOf(workload, where, options.images);
    const { version, released } = options;
    const config = hashes.get(keyOf(workload))!;
    const release = { version, released, containers, config };
    return { kind: workload.kind, namespace, name: workload.name, file, release };
  });
}

/** `Kind/namespace/name`, as in files and hashes. */
export function keyOf(w: { kind: string; namespace: string; name: string }): string {
  return `${w.kind}/${w.namespace}/${w.name}`;
}

function selectWorkloads(all: readonly WorkloadView[], names: readonly string[]): WorkloadView[] {
  if (all.length === 0) {
    throw new IntentInputError(
      'the manifests hold no Deployment, StatefulSet, DaemonSet or Rollout',
    );
  }
  if (names.length === 0) return [...all];
  for (const name of names) {
    if (!all.some((w) => w.name === name)) {
      const found = all.map((w) => w.name).join(', ');
      throw new IntentInputError(`--workload ${name}: not in the manifests; found: ${found}`);
    }
  }
  return all.filter((w) => names.includes(w.name));
}

/** Each container's image: `--image` first, else the manifest's own, which must pin a digest. */
function containersOf(
  workload: WorkloadView,
  where: string,
  overrides: readonly ImageOverride[],
): Record<string, { image: string }> {
  const containers: Record<string, { image: string }> = {};
  for (const [container, declared] of Object.entries(workload.images)) {
    const override =
      overrides.find((o) => o.workload === workload.name && o.container === container) ??
      overrides.find((o) => o.workload === undefined && o.container === container);
    const image = override?.image ?? declared;
    const problem = override === undefined ? digestProblem(image) : undefined;
    if (problem !== undefined) {
      throw new IntentInputError(
        `${where}, container ${container}, image ${image}: ${problem}; or pass --image ${container}=${DIGEST_HINT}`,
      );
    }
    containers[container] = { image };
  }
  return containers;
}

/** An `--image` for a container no selected workload has is a typo worth stopping for. */
function checkImagesNameContainers(
  workloads: readonly WorkloadView[],
  overrides: readonly ImageOverride[],
): void {
  for (const o of overrides) {
    const targets = workloads.filter((w) => o.workload === undefined || w.name === o.workload);
    if (targets.some((w) => w.images[o.container] !== undefined)) continue;
    const names = [...new Set(targets.flatMap((w) => Object.keys(w.images)))].join(', ');
    const label = o.workload !== undefined ? `${o.workload}/${o.container}` : o.container;
    throw new IntentInputError(`--image ${label}=...: no such container; containers: ${names}`);
  }
}

function digestProblem(image: string): string | undefined {
  let digest: string | undefined;
  try {
    digest = parseImageReference(image).digest;
  } catch (error) {
    return `not an image reference (${(error as Error).message})`;
  }
  if (digest === undefined) return `pins no digest, and a tag can move; expected ${DIGEST_HINT}`;
  return isSha256Digest(digest) ? undefined : `the digest is not sha256; expected ${DIGEST_HINT}`;
}
