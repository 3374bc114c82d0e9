/**
 * The config hash of a release: what `realitycheck hash` prints and the
 * intent's `config` records, computed here for the declared template and
 * for each running pod with the same function.
 *
 * It covers the ConfigMaps the pod template consumes (env, envFrom, plain,
 * subPath and projected volumes), by name and content hash. Secrets are left
 * out: a hash a CI job can compute without the installation's HMAC key must
 * not depend on secret content. Namespaces are left out too, so that the
 * same rendered manifests hash alike in every region.
 */
import { createHash } from 'node:crypto';

import type { ConfigMapView, ContainerConfigView } from '../../sources/config-views.js';
import { consumersOf } from './consumers.js';

/** Marks a consumed ConfigMap that the region does not have (an optional reference). */
export const ABSENT = 'absent';

/** The names of the ConfigMaps consumed by any of the containers, sorted, each once. */
export function consumedConfigMaps(containers: readonly ContainerConfigView[]): string[] {
  const names = containers
    .flatMap((config) => consumersOf(config))
    .filter((consumer) => consumer.kind === 'ConfigMap')
    .map((consumer) => consumer.name);
  return [...new Set(names)].sort();
}

/**
 * The config hash of a set of containers, given the ConfigMaps by name.
 * `sha256:` over one line per consumed ConfigMap, `ConfigMap/<name>=<hash>`.
 */
export function configHash(
  containers: readonly ContainerConfigView[],
  configMaps: ReadonlyMap<string, Pick<ConfigMapView, 'contentHash'>>,
): string {
  const lines = consumedConfigMaps(containers).map(
    (name) => `ConfigMap/${name}=${configMaps.get(name)?.contentHash ?? ABSENT}\n`,
  );
  return `sha256:${createHash('sha256').update(lines.join(''), 'utf8').digest('hex')}`;
}
