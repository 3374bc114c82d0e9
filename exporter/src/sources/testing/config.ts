/**
 * Configuration fixtures: ConfigMaps and Secrets as the API server returns
 * them (with managedFields, whose newest time is the last change), and
 * helpers that give a pod or workload template config volumes, mounts and
 * envFrom. Use them to plant canaries: nothing they hold may ever appear in
 * realitycheck's output.
 */
import { FIXTURE_NAMESPACE, FIXTURE_TIME, objectMeta, type KubeObject } from './objects.js';

/** Options of configMap() and secret(). */
export interface ConfigObjectOptions {
  name: string;
  /** Default `shop`. */
  namespace?: string;
  data: Record<string, string>;
  /** When the content last changed: the newest managedFields time. Default FIXTURE_TIME. */
  changedAt?: string;
  /** Default FIXTURE_TIME; never read as a change time. */
  creationTimestamp?: string;
  /** Leave managedFields out, as `kubectl get` does without --show-managed-fields. */
  noManagedFields?: boolean;
}

function managedFields(created: string, changed: string): KubeObject[] {
  const write = (manager: string, time: string) => ({
    apiVersion: 'v1',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': {} },
    manager,
    operation: 'Update',
    time,
  });
  return changed === created
    ? [write('kubectl-create', created)]
    : [write('kubectl-create', created), write('kubectl-edit', changed)];
}

function configObject(kind: 'ConfigMap' | 'Secret', options: ConfigObjectOptions): KubeObject {
  const created = options.creationTimestamp ?? FIXTURE_TIME;
  const metadata = objectMeta({
    kind,
    namespace: options.namespace ?? FIXTURE_NAMESPACE,
    name: options.name,
    creationTimestamp: created,
  });
  if (options.noManagedFields !== true) {
    metadata.managedFields = managedFields(created, options.changedAt ?? created);
  }
  return { apiVersion: 'v1', kind, metadata };
}

/** A ConfigMap with string data. */
export function configMap(options: ConfigObjectOptions): KubeObject {
  return { ...configObject('ConfigMap', options), data: { ...options.data } };
}

/** A Secret; `data` is given in plain text and stored base64-encoded, as the API stores it. */
export function secret(options: ConfigObjectOptions): KubeObject {
  const data = Object.fromEntries(
    Object.entries(options.data).map(([key, value]) => [
      key,
      Buffer.from(value, 'utf8').toString('base64'),
    ]),
  );
  return { ...configObject('Secret', options), type: 'Opaque', data };
}

/** How a container of a pod or template uses config. */
export interface ContainerConfigFixture {
  /** Volume mounts: `subPath` makes it a single-file mount that is never refreshed. */
  mounts?: { volume: string; mountPath: string; subPath?: string }[];
  envFrom?: KubeObject[];
}

/** What withConfig() adds to a pod spec. */
export interface PodConfigFixture {
  /** Pod volumes, e.g. configMapVolume('cfg', 'api-cfg'). */
  volumes?: KubeObject[];
  /** Per container name. */
  containers?: Record<string, ContainerConfigFixture>;
  annotations?: Record<string, string>;
}

/** A pod volume of a ConfigMap. */
export function configMapVolume(volume: string, configMapName: string): KubeObject {
  return { name: volume, configMap: { name: configMapName, defaultMode: 420 } };
}

/** A pod volume of a Secret. */
export function secretVolume(volume: string, secretName: string): KubeObject {
  return { name: volume, secret: { secretName, defaultMode: 420 } };
}

/**
 * Adds volumes, mounts, envFrom and annotations to a Pod, or to the pod
 * template of a workload (`spec.template`), in place; returns the object.
 */
export function withConfig(object: KubeObject, config: PodConfigFixture): KubeObject {
  const spec = object.spec as KubeObject;
  const template = spec.template as KubeObject | undefined;
  const podSpec = (template?.spec ?? spec) as KubeObject;
  const metadata = (template?.metadata ?? object.metadata) as KubeObject;

  if (config.volumes !== undefined) {
    podSpec.volumes = [...((podSpec.volumes as KubeObject[]) ?? []), ...config.volumes];
  }
  for (const container of podSpec.containers as KubeObject[]) {
    const fixture = config.containers?.[container.name as string];
    if (fixture?.mounts !== undefined) container.volumeMounts = fixture.mounts.map(mountOf);
    if (fixture?.envFrom !== undefined) container.envFrom = fixture.envFrom;
  }
  if (config.annotations !== undefined) {
    metadata.annotations = { ...(metadata.annotations as object), ...config.annotations };
  }
  return object;
}

function mountOf(mount: { volume: string; mountPath: string; subPath?: string }): KubeObject {
  const entry: KubeObject = { name: mount.volume, mountPath: mount.mountPath, readOnly: true };
  if (mount.subPath !== undefined) entry.subPath = mount.subPath;
  return entry;
}

/** Sets a pod's IP (the reported layer probes it) and, for tests, its start time. */
export function withPodStatus(
  pod: KubeObject,
  status: { podIP?: string; startTime?: string },
): KubeObject {
  const podStatus = pod.status as KubeObject;
  if (status.podIP !== undefined) {
    podStatus.podIP = status.podIP;
    podStatus.podIPs = [{ ip: status.podIP }];
  }
  if (status.startTime !== undefined) podStatus.startTime = status.startTime;
  return pod;
}
