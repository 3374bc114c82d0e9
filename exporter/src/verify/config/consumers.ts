/**
 * Which ConfigMaps and Secrets a container consumes, and how: the way of
 * consumption decides whether a change after start reaches the process.
 */
import type {
  ConfigMapView,
  ConfigObjectKind,
  ContainerConfigView,
  ContentRevision,
  SecretView,
} from '../../sources/config-views.js';
import type { ClusterState } from '../../sources/observations.js';

/**
 * How a container reads an object. Env (env and envFrom) is read at start
 * and never updated; a subPath mount is never updated; a directory mount is
 * refreshed by the kubelet, though the process may have read it once.
 */
export type ConsumptionMode = 'env' | 'subPath' | 'directory';

/** One object a container consumes. */
export interface Consumer {
  kind: ConfigObjectKind;
  name: string;
  mode: ConsumptionMode;
  optional: boolean;
}

/** Every object the container consumes, one entry per object and mode. */
export function consumersOf(config: ContainerConfigView | undefined): Consumer[] {
  if (config === undefined) return [];
  const found: Consumer[] = [];
  for (const env of config.env) {
    if (env.ref === undefined) continue;
    const kind = env.source === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
    found.push({ kind, name: env.ref.name, mode: 'env', optional: env.ref.optional });
  }
  for (const from of config.envFrom) found.push({ ...from, mode: 'env' });
  for (const mount of config.mounts) {
    const mode = mount.subPath ? 'subPath' : 'directory';
    found.push({ kind: mount.kind, name: mount.name, mode, optional: mount.optional });
  }

  const unique = new Map(found.map((c) => [`${c.kind}/${c.name}/${c.mode}`, c]));
  return [...unique.values()];
}

/** The ConfigMaps and Secrets of one namespace, by name. */
export interface ConfigObjects {
  /** False when the source does not read ConfigMaps: nothing about them can be said. */
  readsConfigMaps: boolean;
  readsSecrets: boolean;
  configMaps: ReadonlyMap<string, ConfigMapView>;
  secrets: ReadonlyMap<string, SecretView>;
}

/** The config objects of a namespace from a cluster state. */
export function configObjectsOf(state: ClusterState, namespace: string): ConfigObjects {
  const inNamespace = <T extends { namespace: string; name: string }>(views: T[] = []) =>
    new Map(views.filter((v) => v.namespace === namespace).map((v) => [v.name, v]));
  return {
    readsConfigMaps: state.configMaps !== undefined,
    readsSecrets: state.secrets !== undefined,
    configMaps: inNamespace(state.configMaps),
    secrets: inNamespace(state.secrets),
  };
}

/** The view of a consumed object, if the region has it. */
export function lookup(
  objects: ConfigObjects,
  kind: ConfigObjectKind,
  name: string,
): ConfigMapView | SecretView | undefined {
  return kind === 'ConfigMap' ? objects.configMaps.get(name) : objects.secrets.get(name);
}

/**
 * Whether the content an object had when a pod started differs from its
 * content now. With a tracked history, the revision in force at start is
 * compared with the current one, so an object changed and then changed back
 * is current again for pods that started before the first change (and old
 * for pods started in between). Without history, any change after the start
 * counts. Undefined when the times needed are unknown.
 */
export function changedSinceStart(
  object: { contentHash?: string; changedAt?: number; history?: ContentRevision[] },
  startTime: number | undefined,
): boolean | undefined {
  if (startTime === undefined) return undefined;
  const history = object.history ?? [];
  const current = history[history.length - 1];
  if (current !== undefined && object.contentHash !== undefined) {
    const atStart = [...history].reverse().find((revision) => revision.from <= startTime);
    // A start before the oldest tracked revision: the content then is not known.
    if (atStart !== undefined) return atStart.contentHash !== object.contentHash;
  }
  if (object.changedAt === undefined) return undefined;
  return startTime < object.changedAt;
}
