/**
 * The state behind the fake API server: objects per resource, a global
 * resourceVersion counter and the event history that watches resume from.
 * Tests change objects here and the server streams the changes.
 */
import { EventEmitter } from 'node:events';

/** A Kubernetes object as plain JSON. */
export type KubeObject = Record<string, unknown>;

/** One resource the fake serves: `group/version` (or `v1`) and plural. */
export interface FakeResource {
  apiVersion: string;
  kind: string;
  plural: string;
}

/** The resources the fake knows; CRD groups only when a test installs them (Faults.absentGroups). */
export const FAKE_RESOURCES: readonly FakeResource[] = [
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods' },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', plural: 'replicasets' },
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', plural: 'statefulsets' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', plural: 'daemonsets' },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', plural: 'controllerrevisions' },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs' },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', plural: 'rollouts' },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', plural: 'virtualservices' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', plural: 'httproutes' },
];

/** A change, as a watch streams it. */
export interface ClusterEvent {
  resourceVersion: number;
  plural: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

function metadataOf(object: KubeObject): Record<string, unknown> {
  return (object.metadata ?? {}) as Record<string, unknown>;
}

/** `namespace/name` of an object. */
export function keyOf(object: KubeObject): string {
  const metadata = metadataOf(object);
  return `${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
}

/** Objects and history of one fake cluster. */
export class FakeCluster {
  /** The last resourceVersion handed out. */
  resourceVersion = 1000;
  /** Events at or below this version were compacted: watching from them answers 410. */
  compactedVersion = 1000;
  readonly events = new EventEmitter();
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: ClusterEvent[] = [];

  constructor() {
    this.events.setMaxListeners(0);
  }

  /** The resource of an object, from its apiVersion and kind; throws for unknown kinds. */
  resourceOf(object: KubeObject): FakeResource {
    const resource = FAKE_RESOURCES.find(
      (r) => r.kind === object.kind && r.apiVersion === object.apiVersion,
    );
    if (resource === undefined) throw new Error(`the fake serves no ${String(object.kind)}`);
    return resource;
  }

  /** Creates or replaces objects, each with a new resourceVersion; emits ADDED or MODIFIED. */
  apply(...objects: KubeObject[]): void {
    for (const object of objects) {
      const { plural } = this.resourceOf(object);
      const store = this.storeOf(plural);
      const type = store.has(keyOf(object)) ? 'MODIFIED' : 'ADDED';
      this.record(plural, type, object);
      store.set(keyOf(object), this.stamped(object));
    }
  }

  /** Deletes an object; emits DELETED with its last state. */
  delete(object: KubeObject): void {
    const { plural } = this.resourceOf(object);
    const store = this.storeOf(plural);
    const existing = store.get(keyOf(object));
    if (existing === undefined) throw new Error(`no ${keyOf(object)} to delete`);
    store.delete(keyOf(object));
    this.record(plural, 'DELETED', existing);
  }

  /** Forgets the history: every watch from an earlier version now gets 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedVersion = this.resourceVersion;
  }

  /** The objects of a resource, sorted by namespace and name as the API server lists them. */
  list(plural: string, namespace?: string): KubeObject[] {
    const items = [...this.storeOf(plural).values()].filter(
      (o) => namespace === undefined || metadataOf(o).namespace === namespace,
    );
    return items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  /** The object stored under a resource and `namespace/name`. */
  get(plural: string, key: string): KubeObject | undefined {
    return this.storeOf(plural).get(key);
  }

  /** Events after a version, for a watch that resumes; undefined when compacted away. */
  eventsAfter(version: number): ClusterEvent[] | undefined {
    if (version < this.compactedVersion) return undefined;
    return this.history.filter((event) => event.resourceVersion > version);
  }

  private record(plural: string, type: ClusterEvent['type'], object: KubeObject): void {
    const stamped = this.stamped(object, true);
    const event = { resourceVersion: this.resourceVersion, plural, type, object: stamped };
    this.history.push(event);
    this.events.emit('event', event);
  }

  /** A copy with the current resourceVersion; a new one when `bump`. */
  private stamped(object: KubeObject, bump = false): KubeObject {
    if (bump) this.resourceVersion++;
    const metadata = { ...metadataOf(object), resourceVersion: String(this.resourceVersion) };
    return { ...object, metadata };
  }

  private storeOf(plural: string): Map<string, KubeObject> {
    let store = this.objects.get(plural);
    if (store === undefined) this.objects.set(plural, (store = new Map()));
    return store;
  }
}
