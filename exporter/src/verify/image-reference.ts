/**
 * Image references by the distribution reference grammar, normalised the
 * way container runtimes normalise them: default registry `docker.io`,
 * implicit `library/` for single-part Docker Hub names, default tag `latest`
 * when neither tag nor digest is given.
 */

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** `docker.io`, `reg.example.test:5000`, `localhost:5000`, ... */
  registry: string;
  /** The path below the registry: `library/nginx`, `shop/api`. */
  repository: string;
  tag?: string;
  /** `sha256:` and lowercase hex. */
  digest?: string;
}

/** Thrown for a string that is not an image reference; says which part is wrong. */
export class ImageReferenceError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`invalid image reference "${input}": ${problem}`);
    this.name = 'ImageReferenceError';
  }
}

const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const SHA256_DIGEST = /^sha256:[a-fA-F0-9]{64}$/;

/** Parses and normalises an image reference, or throws ImageReferenceError. */
export function parseImageReference(input: string): ImageReference {
  const { name, tag, digest } = splitReference(input);
  const { registry, path } = splitRegistry(name, input);

  const components = path.split('/');
  for (const component of components) {
    if (!PATH_COMPONENT.test(component)) {
      throw new ImageReferenceError(
        input,
        `path component "${component}" must be lowercase letters and digits, ` +
          'joined by ".", "_", "__" or "-"',
      );
    }
  }
  const repository = registry === DOCKER_HUB && components.length === 1 ? `library/${path}` : path;
  if (`${registry}/${repository}`.length > MAX_NAME_LENGTH) {
    throw new ImageReferenceError(input, `name is longer than ${MAX_NAME_LENGTH} characters`);
  }

  return {
    registry,
    repository,
    ...(tag !== undefined || digest === undefined ? { tag: tag ?? 'latest' } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** Like parseImageReference, but returns undefined instead of throwing. */
export function tryParseImageReference(input: string): ImageReference | undefined {
  try {
    return parseImageReference(input);
  } catch {
    return undefined;
  }
}

/** `registry/repository`: the identity of an image's repository. */
export function repositoryName(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}`;
}

/** The normalised reference as one string: `registry/repository[:tag][@digest]`. */
export function formatImageReference(reference: ImageReference): string {
  const tag = reference.tag !== undefined ? `:${reference.tag}` : '';
  const digest = reference.digest !== undefined ? `@${reference.digest}` : '';
  return `${repositoryName(reference)}${tag}${digest}`;
}

/** Lowercases a digest's hex so that digests compare as strings. */
export function normaliseDigest(digest: string): string {
  return digest.toLowerCase();
}

/** True for `sha256:` followed by 64 hex digits. */
export function isSha256Digest(value: string): boolean {
  return SHA256_DIGEST.test(value);
}

function splitReference(input: string): { name: string; tag?: string; digest?: string } {
  if (input.length === 0) throw new ImageReferenceError(input, 'it is empty');
  if (input !== input.trim()) {
    throw new ImageReferenceError(input, 'it has leading or trailing white space');
  }

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      throw new ImageReferenceError(input, `digest "${digest}" is not algorithm:hex`);
    }
    digest = normaliseDigest(digest);
  }

  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) {
      throw new ImageReferenceError(
        input,
        `tag "${tag}" must be 1-128 of letters, digits, "_", "." and "-"`,
      );
    }
  }
  if (rest.length === 0) throw new ImageReferenceError(input, 'the name is empty');
  return { name: rest, tag, digest };
}

function splitRegistry(name: string, input: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  // The first component is a registry host only if it could not be a path
  // component: it has a dot or a port, is localhost, or has capitals.
  const isHost =
    slash !== -1 &&
    (first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first.startsWith('[') ||
      first !== first.toLowerCase());
  if (!isHost) return { registry: DOCKER_HUB, path: name };

  if (!DOMAIN.test(first)) {
    throw new ImageReferenceError(input, `registry "${first}" is not a host name with a port`);
  }
  const registry = first === LEGACY_DOCKER_HUB ? DOCKER_HUB : first;
  return { registry, path: name.slice(slash + 1) };
}
