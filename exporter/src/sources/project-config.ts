/**
 * A container's configuration references -> ContainerConfigView: where each
 * environment variable and each mounted ConfigMap or Secret comes from.
 *
 * Literal values are read here and nowhere else: each is reduced to a
 * keyed digest (to compare with the intent) or, when it looks like a
 * credential, to the reason it does. The value itself is dropped.
 */
import type {
  ConfigMountView,
  ConfigObjectKind,
  ContainerConfigView,
  EnvFromView,
  EnvVarView,
} from './config-views.js';
import { credentialHint } from './credentials.js';
import { fields, flag, objects, text, withoutUndefined, type Fields } from './fields.js';
import { valueDigest } from './value-digest.js';

/** The annotation Helm charts conventionally set to a hash of their rendered config. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum/config';

/**
 * Projects the configuration of one container of a pod spec (or a
 * template's spec): its env, envFrom and the config volumes it mounts.
 * Undefined for a container that takes no configuration at all, so that
 * views of such containers stay as small as before.
 */
export function projectContainerConfig(
  container: Fields,
  podSpec: Fields,
): ContainerConfigView | undefined {
  const config = {
    env: objects(container.env).map(projectEnvVar),
    envFrom: objects(container.envFrom).flatMap(projectEnvFrom),
    mounts: projectMounts(container, podSpec),
  };
  const empty = config.env.length + config.envFrom.length + config.mounts.length === 0;
  return empty ? undefined : config;
}

/**
 * The configuration of every container that takes any, ordinary init
 * containers included, by name; undefined when none does.
 */
export function projectTemplateConfig(
  podSpec: Fields,
): Record<string, ContainerConfigView> | undefined {
  const containers = [...objects(podSpec.containers), ...objects(podSpec.initContainers)];
  const entries = containers.flatMap((container) => {
    const name = text(container.name);
    const config = projectContainerConfig(container, podSpec);
    return name === undefined || config === undefined ? [] : [[name, config] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function projectEnvVar(entry: Fields): EnvVarView {
  const name = text(entry.name) ?? '';
  const valueFrom = fields(entry.valueFrom);
  if (entry.valueFrom === undefined || entry.valueFrom === null) {
    // A literal: `value` may be absent, which Kubernetes reads as "".
    const value = text(entry.value) ?? '';
    const credential = credentialHint(name, value);
    return credential !== undefined
      ? { name, source: 'literal', credential }
      : { name, source: 'literal', valueDigest: valueDigest(value) };
  }

  for (const source of ['configMapKeyRef', 'secretKeyRef'] as const) {
    if (valueFrom[source] !== undefined && valueFrom[source] !== null) {
      const ref = fields(valueFrom[source]);
      // A Secret's key name is left out: only when the Secret changed matters.
      const key = source === 'configMapKeyRef' ? (text(ref.key) ?? '') : '';
      const target = { name: text(ref.name) ?? '', key, optional: flag(ref.optional) };
      return { name, source, ref: target };
    }
  }
  if (valueFrom.fieldRef !== undefined) return { name, source: 'fieldRef' };
  if (valueFrom.resourceFieldRef !== undefined) return { name, source: 'resourceFieldRef' };
  return { name, source: 'other' };
}

function projectEnvFrom(entry: Fields): EnvFromView[] {
  const prefix = text(entry.prefix);
  const found: EnvFromView[] = [];
  for (const [key, kind] of [
    ['configMapRef', 'ConfigMap'],
    ['secretRef', 'Secret'],
  ] as const) {
    const ref = fields(entry[key]);
    const name = text(ref.name);
    if (name !== undefined) {
      found.push(withoutUndefined({ kind, name, prefix, optional: flag(ref.optional) }));
    }
  }
  return found;
}

/** ConfigMaps and Secrets of a pod volume: one for a plain volume, several for a projected one. */
function volumeSources(
  volume: Fields,
): { kind: ConfigObjectKind; name: string; optional: boolean }[] {
  const configMap = fields(volume.configMap);
  const secret = fields(volume.secret);
  if (text(configMap.name) !== undefined) {
    return [{ kind: 'ConfigMap', name: text(configMap.name)!, optional: flag(configMap.optional) }];
  }
  if (text(secret.secretName) !== undefined) {
    return [{ kind: 'Secret', name: text(secret.secretName)!, optional: flag(secret.optional) }];
  }
  return objects(fields(volume.projected).sources).flatMap((source) =>
    volumeSources({ configMap: source.configMap, secret: renameSecret(source.secret) }),
  );
}

/** A projected volume's secret source names its Secret `name`, a plain volume `secretName`. */
function renameSecret(secret: unknown): Fields | undefined {
  const source = fields(secret);
  const name = text(source.name);
  return name === undefined ? undefined : { secretName: name, optional: source.optional };
}

function projectMounts(container: Fields, podSpec: Fields): ConfigMountView[] {
  const volumes = new Map(objects(podSpec.volumes).map((v) => [text(v.name) ?? '', v]));
  return objects(container.volumeMounts).flatMap((mount) => {
    const volumeName = text(mount.name) ?? '';
    const volume = volumes.get(volumeName);
    if (volume === undefined) return [];
    // subPathExpr is a subPath too: the kubelet never refreshes either.
    const subPath = (text(mount.subPath) ?? text(mount.subPathExpr) ?? '') !== '';
    return volumeSources(volume).map((source) => ({ ...source, volume: volumeName, subPath }));
  });
}
