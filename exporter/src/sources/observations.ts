/**
 * The projection of cluster state that the checks read.
 *
 * Every source (a kubectl snapshot today, a live watch later) turns
 * Kubernetes objects into these small records and keeps nothing else, so
 * the engine sees the same observations whatever the source, and memory per
 * watched pod stays small. Times are epoch milliseconds.
 */
import type {
  ConfigMapView,
  ContainerConfigView,
  InstanceReportView,
  SecretView,
} from './config-views.js';

/** Kinds of workload that own serving pods. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Rollout';

/** A reference from an object to its controller (`ownerReferences[controller=true]`). */
export interface OwnerRef {
  kind: string;
  name: string;
}

/** How a container takes part in a pod. */
export type ContainerRole =
  /** A regular container of `spec.containers`. */
  | 'main'
  /** An init container that runs to completion before the others start. */
  | 'init'
  /** An init container with `restartPolicy: Always`: a native sidecar, serving. */
  | 'sidecar'
  /** An ephemeral debug container: never part of the workload. */
  | 'ephemeral';

/** The state of one container, from `status.*ContainerStatuses`. */
export type ContainerState = 'running' | 'waiting' | 'terminated' | 'absent';

/** One container of a pod, as declared in its spec and reported in its status. */
export interface ContainerView {
  name: string;
  role: ContainerRole;
  /** `spec.containers[].image`, as written. */
  specImage: string;
  /** `status.containerStatuses[].imageID` as reported; '' when not pulled yet. */
  imageID: string;
  ready: boolean;
  state: ContainerState;
  /** `waiting.reason` or `terminated.reason`, e.g. ImagePullBackOff, CrashLoopBackOff. */
  stateReason?: string;
  restartCount: number;
  /** Where the container gets its env and config files; never the values (config-views.ts). */
  config?: ContainerConfigView;
}

/** One pod, reduced to what the checks need. */
export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  owner?: OwnerRef;
  /** The `pod-template-hash` label set by Deployments on their ReplicaSets' pods. */
  templateHash?: string;
  /** The `controller-revision-hash` label set by StatefulSets and DaemonSets. */
  revisionHash?: string;
  startTime?: number;
  deletionTimestamp?: number;
  containers: ContainerView[];
  /** `status.podIP`, where the reported layer probes the instance. */
  podIP?: string;
  /** The pod's `checksum/config` annotation: a chart's config revision, read, never recomputed. */
  configChecksum?: string;
}

/** A ReplicaSet: the link from a Deployment's pods to the Deployment. */
export interface ReplicaSetView {
  namespace: string;
  name: string;
  owner?: OwnerRef;
  templateHash?: string;
  /** `deployment.kubernetes.io/revision`. */
  revision?: number;
  createdAt?: number;
  replicas: number;
  /** Template container images, by container name. */
  images: Record<string, string>;
}

/** A ControllerRevision: a StatefulSet's or DaemonSet's template history. */
export interface ControllerRevisionView {
  namespace: string;
  name: string;
  owner?: OwnerRef;
  revision: number;
  createdAt?: number;
}

/** A condition from `status.conditions`. */
export interface ConditionView {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: number;
  lastTransitionTime?: number;
}

/** How a workload replaces its pods. */
export type UpdateStrategy = 'RollingUpdate' | 'Recreate' | 'OnDelete';

/** A Deployment, StatefulSet, DaemonSet or Rollout, reduced to its rollout state. */
export interface WorkloadView {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  createdAt?: number;
  generation: number;
  observedGeneration: number;
  /** Desired replicas; for a DaemonSet, `desiredNumberScheduled`. */
  replicas: number;
  /** Replicas on the current template (`updatedReplicas`, `updatedNumberScheduled`). */
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  strategy: UpdateStrategy;
  /** StatefulSet `rollingUpdate.partition`: ordinals below it keep the old revision. */
  partition?: number;
  paused: boolean;
  /** Template images: containers and native sidecars, by container name. */
  images: Record<string, string>;
  conditions: ConditionView[];
  /** StatefulSet `status.currentRevision` and `status.updateRevision`. */
  currentRevision?: string;
  updateRevision?: string;
  /** The template's config references by container name (config-views.ts). */
  templateConfig?: Record<string, ContainerConfigView>;
  /** The template's `checksum/config` annotation. */
  configChecksum?: string;
  /** An Argo Rollout's canary traffic split, when its strategy is canary. */
  canary?: CanaryView;
}

/**
 * The traffic split an Argo Rollout sets while a canary runs. Backends are
 * named as the routes name them: the DestinationRule subsets when the Rollout
 * routes by subset, else its stable and canary Services.
 */
export interface CanaryView {
  stableBackend?: string;
  canaryBackend?: string;
  /** The canary's weight in percent, from `status.canary.weights` or the current setWeight step. */
  weight?: number;
  /** True when the Rollout writes the weights into a route itself (`trafficRouting`). */
  managesRoute: boolean;
}

/** The routing APIs whose weights are read. */
export type RouteApi = 'istio' | 'gateway-api';

/** One destination of a route rule: an Istio destination or a Gateway API backendRef. */
export interface RouteDestinationView {
  /** The backend as the intent names it: the Istio subset (else host), the backendRef name. */
  backend: string;
  /** The Istio destination host, or the backendRef's name. */
  host: string;
  /** The weight as written; absent when the object leaves it out (each API has its default). */
  weight?: number;
}

/** One rule of a route: its destinations, and whether it matches all requests. */
export interface RouteRuleView {
  /** True when the rule has no match conditions, so it takes whatever no earlier rule took. */
  catchAll: boolean;
  destinations: RouteDestinationView[];
}

/** Whether the route's controller took the route in, from its status conditions. */
export type RouteAcceptance = 'True' | 'False' | 'Unknown';

/** An Istio VirtualService or a Gateway API HTTPRoute, reduced to its HTTP weights. */
export interface RouteView {
  api: RouteApi;
  kind: 'VirtualService' | 'HTTPRoute';
  namespace: string;
  name: string;
  /**
   * What the route is for: a VirtualService's `hosts`; an HTTPRoute's
   * `hostnames` and the names of its Service parentRefs (GAMMA mesh routes).
   */
  hosts: string[];
  rules: RouteRuleView[];
  accepted: RouteAcceptance;
  /** The reason of the condition that decided `accepted`, e.g. NotAllowedByListeners. */
  acceptedReason?: string;
  /** When the route's spec last changed: the newest spec write in managedFields, else creation. */
  changedAt?: number;
}

/** Everything a source saw in one region at one time. */
export interface ClusterState {
  pods: PodView[];
  replicaSets: ReplicaSetView[];
  controllerRevisions: ControllerRevisionView[];
  workloads: WorkloadView[];
  /** Routing objects (VirtualService, HTTPRoute); absent from sources that do not read them. */
  routes?: RouteView[];
  /** ConfigMaps as content hashes and change times; absent from sources that do not read them. */
  configMaps?: ConfigMapView[];
  /** Secrets as change times (and keyed hashes when a key is configured). */
  secrets?: SecretView[];
  /** What instances reported when probed (the reported layer). */
  reports?: InstanceReportView[];
}

/** What a source knows about its region: its health and its last good state. */
export interface RegionObservation {
  region: string;
  /** Where the data comes from, for people: `snapshot:/path`, `kubernetes:context`. */
  source: string;
  /** True when the last sync attempt succeeded. */
  up: boolean;
  /** When the data in `state` was fresh (for a snapshot, the file's mtime). */
  lastSync?: number;
  /** Data older than this (milliseconds) makes the region unknown; 0 disables. */
  maxAgeMs: number;
  /** Why the last sync failed, for people; never holds object content. */
  error?: string;
  /** The last good state; kept when a later sync fails, never used while blind. */
  state?: ClusterState;
  /**
   * Kubernetes kinds the source may not read (403): partial visibility.
   * Workloads whose verification depends on one of them are unknown.
   */
  unreadableKinds?: string[];
}

/** An empty cluster state, for sources that saw nothing yet. */
export function emptyClusterState(): ClusterState {
  return { pods: [], replicaSets: [], controllerRevisions: [], workloads: [], routes: [] };
}
