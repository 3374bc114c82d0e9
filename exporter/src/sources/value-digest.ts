/**
 * Digests of configuration values, so that values can be compared without
 * being kept.
 *
 * Literal env values and ConfigMap values are compared with the intent's
 * `env` through a digest keyed with a random key made once per process. The
 * key never leaves memory, so a digest seen anywhere else (a heap dump aside)
 * cannot be matched against a table of guesses, and digests from two
 * processes never match each other: they are for comparing inside one
 * evaluation, not for publishing.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

const PROCESS_KEY = randomBytes(32);

/** The process-keyed digest of a value, for comparing values inside this process only. */
export function valueDigest(value: string): string {
  return `vd:${createHmac('sha256', PROCESS_KEY).update(value, 'utf8').digest('hex')}`;
}

/** Entries as `[key, value]` pairs sorted by key, the canonical order for hashing. */
function sortedEntries(map: Record<string, string>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The canonical text of an object's content: `data` and `binaryData` as
 * sorted pairs in JSON, which escapes every separator, so two different
 * contents can never produce the same text.
 */
export function canonicalContent(
  data: Record<string, string>,
  binaryData: Record<string, string> = {},
): string {
  return JSON.stringify([sortedEntries(data), sortedEntries(binaryData)]);
}

/** The unkeyed content hash of a ConfigMap: the same in the exporter and in `realitycheck hash`. */
export function configMapContentHash(
  data: Record<string, string>,
  binaryData: Record<string, string> = {},
): string {
  const hex = createHash('sha256').update(canonicalContent(data, binaryData), 'utf8').digest('hex');
  return `sha256:${hex}`;
}

/**
 * The keyed content hash of a Secret. Secrets are hashed only with the
 * installation's key (DESIGN.md), so that a hash cannot be brute-forced
 * back to a short password by anyone who sees it.
 */
export function secretContentHash(key: Uint8Array, data: Record<string, string>): string {
  const hex = createHmac('sha256', key).update(canonicalContent(data), 'utf8').digest('hex');
  return `hmac-sha256:${hex}`;
}
