/**
 * What a container runtime says it runs: `status.containerStatuses[].imageID`.
 *
 * Runtimes write it in several forms. Only some carry a manifest digest that
 * can be compared with a release; a local image-config id cannot.
 */
import { isSha256Digest, normaliseDigest, tryParseImageReference } from './image-reference.js';

/** A runtime's imageID, classified. */
export type RunningImage =
  /** No image yet: Pending, ContainerCreating, ImagePullBackOff. */
  | { kind: 'none' }
  /** A manifest (or index) digest from a registry: comparable with a release. */
  | { kind: 'digest'; digest: string; repository?: string }
  /** A local image-config id: says which image, but not which manifest. */
  | { kind: 'config'; id: string }
  /** Something no runtime is known to write. */
  | { kind: 'unparsed' };

const RUNTIME_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const BARE_HEX = /^[a-fA-F0-9]{64}$/;

/**
 * Reads an imageID in any of the forms runtimes write:
 * `docker-pullable://repo@sha256:...` and `repo@sha256:...` carry a manifest
 * digest; `docker://sha256:...`, `sha256:...` and 64 bare hex digits are a
 * local image-config id.
 */
export function parseImageId(imageID: string): RunningImage {
  const trimmed = imageID.trim();
  if (trimmed === '') return { kind: 'none' };

  const withoutScheme = trimmed.replace(RUNTIME_SCHEME, '');
  if (isSha256Digest(withoutScheme)) {
    return { kind: 'config', id: normaliseDigest(withoutScheme) };
  }
  if (BARE_HEX.test(withoutScheme)) {
    return { kind: 'config', id: `sha256:${withoutScheme.toLowerCase()}` };
  }

  const reference = tryParseImageReference(withoutScheme);
  if (reference?.digest !== undefined && isSha256Digest(reference.digest)) {
    return {
      kind: 'digest',
      digest: reference.digest,
      repository: `${reference.registry}/${reference.repository}`,
    };
  }
  return { kind: 'unparsed' };
}
