/**
 * ConfigMap -> ConfigMapView and Secret -> SecretView: content as hashes,
 * and the time of the last change. Values are read only to be hashed here.
 */
import type { ConfigMapView, SecretView } from './config-views.js';
import {
  epochMs,
  fields,
  objects,
  stringMap,
  text,
  withoutUndefined,
  type Fields,
} from './fields.js';
import { configMapContentHash, secretContentHash, valueDigest } from './value-digest.js';

/** How Secrets are projected. */
export interface SecretProjectionOptions {
  /**
   * The installation's HMAC key. Without it a Secret is tracked by change
   * time only: an unkeyed hash of a short password could be reversed.
   */
  secretKey?: Uint8Array;
}

/** Projects a ConfigMap, given as plain JSON or as a client-node `V1ConfigMap`. */
export function projectConfigMap(object: unknown): ConfigMapView {
  const configMap = fields(object);
  const metadata = fields(configMap.metadata);
  const data = stringMap(configMap.data);
  const binaryData = stringMap(configMap.binaryData);

  const keyDigests = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, valueDigest(value)]),
  );
  return withoutUndefined({
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    contentHash: configMapContentHash(data, binaryData),
    keyDigests,
    changedAt: lastWriteTime(metadata),
  });
}

/** Projects a Secret: its keyed hash only when a key is given, its change time always. */
export function projectSecret(object: unknown, options: SecretProjectionOptions = {}): SecretView {
  const secret = fields(object);
  const metadata = fields(secret.metadata);

  return withoutUndefined({
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    contentHash:
      options.secretKey !== undefined
        ? secretContentHash(options.secretKey, secretData(secret))
        : undefined,
    changedAt: lastWriteTime(metadata),
  });
}

/**
 * A Secret's data as the API stores it: base64 `data`, with `stringData`
 * (allowed in manifests) encoded and merged over it as the API server does.
 */
function secretData(secret: Fields): Record<string, string> {
  const data = stringMap(secret.data);
  for (const [key, value] of Object.entries(stringMap(secret.stringData))) {
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  return data;
}

/**
 * The newest `managedFields[].time`: when any manager last wrote the
 * object. creationTimestamp is deliberately not a fallback: it says when
 * the object was made, not when its content last changed, so a pod started
 * after creation would wrongly look current after any later edit. (kubectl
 * hides managedFields unless run with `--show-managed-fields`.)
 */
export function lastWriteTime(metadata: Fields): number | undefined {
  const times = objects(metadata.managedFields).flatMap((entry) => {
    const at = epochMs(entry.time);
    return at === undefined ? [] : [at];
  });
  return times.length > 0 ? Math.max(...times) : undefined;
}
