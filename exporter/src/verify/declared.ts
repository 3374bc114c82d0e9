/**
 * The declared layer: what the workload's template tells the cluster to
 * run, compared with the intended release. A mismatch here means the
 * cluster's desired state drifted from the release (a hand edit, a sync
 * that did not happen), whatever the pods run.
 */
import type { IntendedWorkload } from '../intent/model.js';
import type { WorkloadView } from '../sources/observations.js';
import { repositoryName, tryParseImageReference } from './image-reference.js';
import { matchDigest } from './releases.js';

/** How one container's template image relates to the intended release. */
export type DeclaredContainer =
  | { container: string; status: 'intended' }
  /** The template names the image by tag only and the tag is the intended one. */
  | { container: string; status: 'tag-matches' }
  | { container: string; status: 'other-release'; version: string }
  | { container: string; status: 'unexpected'; image: string }
  | { container: string; status: 'missing' };

/** Compares each intended container with the workload's template. */
export function compareDeclared(
  intent: IntendedWorkload,
  intendedIndex: number,
  workload: WorkloadView,
): DeclaredContainer[] {
  const release = intent.releases[intendedIndex];
  if (release === undefined) return [];

  return Object.keys(release.containers).map((container) => {
    const image = workload.images[container];
    if (image === undefined) return { container, status: 'missing' };
    return compareImage(intent, intendedIndex, container, image);
  });
}

/** True when every container's template agrees with the intended release. */
export function declaredMatches(declared: readonly DeclaredContainer[]): boolean {
  return declared.every((d) => d.status === 'intended' || d.status === 'tag-matches');
}

function compareImage(
  intent: IntendedWorkload,
  intendedIndex: number,
  container: string,
  image: string,
): DeclaredContainer {
  const reference = tryParseImageReference(image);
  if (reference === undefined) return { container, status: 'unexpected', image };

  if (reference.digest !== undefined) {
    const match = matchDigest(intent, container, reference.digest, intendedIndex);
    if (match === undefined) return { container, status: 'unexpected', image };
    if (match.index === intendedIndex) return { container, status: 'intended' };
    return { container, status: 'other-release', version: match.version };
  }

  // A tag can move, so a tag-only template is never proof of the release;
  // the running layer checks the digest. A different tag, though, is proof
  // that the template names something else.
  const name = repositoryName(reference);
  const byTag = intent.releases.findIndex((r) => {
    const ref = r.containers[container]?.reference;
    return ref !== undefined && repositoryName(ref) === name && ref.tag === reference.tag;
  });
  if (byTag === intendedIndex) return { container, status: 'tag-matches' };
  const other = intent.releases[byTag];
  if (other !== undefined) return { container, status: 'other-release', version: other.version };
  return { container, status: 'unexpected', image };
}
