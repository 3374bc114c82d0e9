/**
 * The Kubernetes resources the live source lists and watches, each with the
 * projection that turns its objects into the views the checks read.
 *
 * Jobs are not watched (a Job's pods are recognised from their own owner
 * reference), nor Secrets (the ClusterRole grants no Secret access, so a
 * Secret-backed config is not checked from a live source); the ClusterRole
 * grants exactly what is listed here.
 */
import type { ConfigMapView } from '../config-views.js';
import type {
  ClusterState,
  RouteView,
  ControllerRevisionView,
  PodView,
  ReplicaSetView,
  WorkloadView,
} from '../observations.js';
import { projectConfigMap } from '../project-configmap.js';
import { projectControllerRevision } from '../project-controllerrevision.js';
import { projectPod } from '../project-pod.js';
import { projectReplicaSet } from '../project-replicaset.js';
import { projectRoute } from '../project-routes.js';
import { projectWorkload } from '../project-workload.js';

/** The Kubernetes kinds the source reads, as they appear in metrics and logs. */
export type WatchedKind =
  | 'ConfigMap'
  | 'VirtualService'
  | 'HTTPRoute'
  | 'Pod'
  | 'ReplicaSet'
  | 'ControllerRevision'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Rollout';

/** Any view a projection returns. */
export type View =
  PodView | ReplicaSetView | ControllerRevisionView | WorkloadView | ConfigMapView | RouteView;

/** One watched resource: where it is served and how its objects are projected. */
export interface ResourceDefinition {
  kind: WatchedKind;
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  /** A CRD that may be missing from a cluster: a 404 means "none here", not an error. */
  optional: boolean;
  project(object: unknown): View;
  /** Where the views go in a ClusterState. */
  bucket: keyof ClusterState;
}

/** Every resource the source watches, in the order they are listed at start. */
export const RESOURCES: readonly ResourceDefinition[] = (
  [
    { kind: 'Pod', group: '', version: 'v1', plural: 'pods', bucket: 'pods', project: projectPod },
    {
      kind: 'ReplicaSet',
      group: 'apps',
      version: 'v1',
      plural: 'replicasets',
      bucket: 'replicaSets',
      project: projectReplicaSet,
    },
    {
      kind: 'ControllerRevision',
      group: 'apps',
      version: 'v1',
      plural: 'controllerrevisions',
      bucket: 'controllerRevisions',
      project: projectControllerRevision,
    },
    workload('Deployment', 'apps', 'v1', 'deployments'),
    workload('StatefulSet', 'apps', 'v1', 'statefulsets'),
    workload('DaemonSet', 'apps', 'v1', 'daemonsets'),
    { ...workload('Rollout', 'argoproj.io', 'v1alpha1', 'rollouts'), optional: true },
    // ConfigMaps are projected to a content hash and change time; values never stay in memory.
    {
      kind: 'ConfigMap',
      group: '',
      version: 'v1',
      plural: 'configmaps',
      bucket: 'configMaps',
      project: projectConfigMap,
    },
    // Routing CRDs: present only where Istio or the Gateway API is installed.
    {
      kind: 'VirtualService',
      group: 'networking.istio.io',
      version: 'v1beta1',
      plural: 'virtualservices',
      bucket: 'routes',
      optional: true,
      project: (object) => projectRoute('VirtualService', object),
    },
    {
      kind: 'HTTPRoute',
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'httproutes',
      bucket: 'routes',
      optional: true,
      project: (object) => projectRoute('HTTPRoute', object),
    },
  ] as (Omit<ResourceDefinition, 'optional'> & { optional?: boolean })[]
).map((resource) => ({ optional: false, ...resource }));

function workload(
  kind: WorkloadView['kind'],
  group: string,
  version: string,
  plural: string,
): Omit<ResourceDefinition, 'optional'> {
  return {
    kind,
    group,
    version,
    plural,
    bucket: 'workloads',
    project: (object) => projectWorkload(kind, object),
  };
}

/** The URL path of a resource, cluster-wide or in one namespace. */
export function resourcePath(resource: ResourceDefinition, namespace?: string): string {
  const base =
    resource.group === ''
      ? `/api/${resource.version}`
      : `/apis/${resource.group}/${resource.version}`;
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${base}${scope}/${resource.plural}`;
}
