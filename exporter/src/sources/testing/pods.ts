/**
 * Pod fixtures: pods with main, init, native-sidecar and ephemeral
 * containers, their statuses as the kubelet reports them, Job pods and
 * mesh sidecars.
 */
import {
  FIXTURE_NAMESPACE,
  FIXTURE_TIME,
  objectMeta,
  pulledImageId,
  safeSuffix,
  timeAfter,
  type KubeObject,
  type OwnerFixture,
} from './objects.js';

/** An environment variable of a container template; use it to plant canaries. */
export type EnvFixture =
  { name: string; value: string } | { name: string; valueFrom: Record<string, unknown> };

/** One container of a pod: its spec and the status the kubelet reports for it. */
export interface ContainerFixture {
  name: string;
  image: string;
  /**
   * `imageID` in the status. Default: the containerd form `R@sha256:...` of
   * the image once it has run; '' while waiting (not pulled yet).
   */
  imageID?: string;
  /** Default: running; for ordinary init containers, terminated (Completed). */
  state?: 'running' | 'waiting' | 'terminated';
  /** Waiting or terminated reason: ImagePullBackOff, CrashLoopBackOff, Completed, Error... */
  reason?: string;
  /** Default: true when running, except for ephemeral containers. */
  ready?: boolean;
  restartCount?: number;
  env?: EnvFixture[];
  /** `Always` on an init container makes it a native sidecar. */
  restartPolicy?: 'Always';
  /** Leave the container out of the status, as before the kubelet reports it. */
  noStatus?: boolean;
}

/** Options of pod(). */
export interface PodOptions {
  /** Default `shop`. */
  namespace?: string;
  name: string;
  labels?: Record<string, string>;
  owner?: OwnerFixture;
  /** Sets the `pod-template-hash` label (pods of a Deployment's ReplicaSet). */
  templateHash?: string;
  /** Sets the `controller-revision-hash` label (pods of a StatefulSet or DaemonSet). */
  revisionHash?: string;
  containers: ContainerFixture[];
  initContainers?: ContainerFixture[];
  ephemeralContainers?: ContainerFixture[];
  /** Default: from the main containers' states (Running, Pending, Succeeded, Failed). */
  phase?: string;
  /** Default `node-a`. */
  nodeName?: string;
  /** Default FIXTURE_TIME; startTime is one second later. */
  creationTimestamp?: string;
  /** Makes the pod Terminating. */
  deletionTimestamp?: string;
  /** Pod restartPolicy; Job pods use Never. Default Always. */
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

type Role = 'main' | 'init' | 'ephemeral';

function defaultState(
  container: ContainerFixture,
  role: Role,
): 'running' | 'waiting' | 'terminated' {
  if (container.state !== undefined) return container.state;
  return role === 'init' && container.restartPolicy !== 'Always' ? 'terminated' : 'running';
}

function containerSpec(container: ContainerFixture): KubeObject {
  const spec: KubeObject = {
    name: container.name,
    image: container.image,
    imagePullPolicy: 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  if (container.env !== undefined) spec.env = container.env;
  if (container.restartPolicy !== undefined) spec.restartPolicy = container.restartPolicy;
  return spec;
}

function containerStatus(container: ContainerFixture, role: Role, startedAt: string): KubeObject {
  const state = defaultState(container, role);
  const ran = state !== 'waiting' || (container.restartCount ?? 0) > 0;
  const ready = container.ready ?? (state === 'running' && role !== 'ephemeral');
  const stateObject =
    state === 'running'
      ? { running: { startedAt } }
      : state === 'waiting'
        ? { waiting: { reason: container.reason ?? 'ContainerCreating' } }
        : {
            terminated: {
              containerID: `containerd://${safeSuffix(container.name + startedAt, 12)}`,
              exitCode: container.reason === undefined || container.reason === 'Completed' ? 0 : 1,
              reason: container.reason ?? 'Completed',
              startedAt,
              finishedAt: timeAfter(startedAt, 5),
            },
          };

  const status: KubeObject = {
    name: container.name,
    image: container.image,
    imageID: container.imageID ?? (ran ? pulledImageId(container.image) : ''),
    ready,
    restartCount: container.restartCount ?? 0,
    started: state === 'running',
    state: stateObject,
    lastState: {},
  };
  if (ran) status.containerID = `containerd://${safeSuffix(`${container.name}/${startedAt}`, 20)}`;
  return status;
}

function statuses(containers: ContainerFixture[], role: Role, startedAt: string): KubeObject[] {
  return containers
    .filter((container) => container.noStatus !== true)
    .map((container) => containerStatus(container, role, startedAt));
}

/** The phase the kubelet would report for these main containers. */
function phaseOf(containers: ContainerFixture[]): string {
  const states = containers.map((container) =>
    container.noStatus === true ? 'waiting' : defaultState(container, 'main'),
  );
  if (states.every((state) => state === 'terminated')) {
    return containers.every((c) => (c.reason ?? 'Completed') === 'Completed')
      ? 'Succeeded'
      : 'Failed';
  }
  return states.includes('waiting') && !states.includes('running') ? 'Pending' : 'Running';
}

/** A pod as the API server returns it, with spec and kubelet-reported status. */
export function pod(options: PodOptions): KubeObject {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const created = options.creationTimestamp ?? FIXTURE_TIME;
  const startTime = timeAfter(created, 1);
  const labels: Record<string, string> = { ...options.labels };
  if (options.templateHash !== undefined) labels['pod-template-hash'] = options.templateHash;
  if (options.revisionHash !== undefined) labels['controller-revision-hash'] = options.revisionHash;
  const init = options.initContainers ?? [];
  const ephemeral = options.ephemeralContainers ?? [];

  const mainStatuses = statuses(options.containers, 'main', timeAfter(startTime, 2));
  const allReady = mainStatuses.every((status) => status.ready === true);
  const phase = options.phase ?? phaseOf(options.containers);

  const status: KubeObject = {
    conditions: podConditions(startTime, allReady && phase === 'Running'),
    containerStatuses: mainStatuses,
    hostIP: '10.0.0.10',
    phase,
    podIP: `10.244.0.${(parseInt(safeSuffix(options.name, 2), 36) % 250) + 2}`,
    qosClass: 'BestEffort',
    startTime,
  };
  if (init.length > 0) status.initContainerStatuses = statuses(init, 'init', startTime);
  if (ephemeral.length > 0) {
    status.ephemeralContainerStatuses = statuses(ephemeral, 'ephemeral', timeAfter(startTime, 60));
  }

  const metadata = objectMeta({
    ...options,
    kind: 'Pod',
    namespace,
    labels,
    creationTimestamp: created,
  });
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec(options), status };
}

function podSpec(options: PodOptions): KubeObject {
  const spec: KubeObject = {
    containers: options.containers.map(containerSpec),
    dnsPolicy: 'ClusterFirst',
    nodeName: options.nodeName ?? 'node-a',
    restartPolicy: options.restartPolicy ?? 'Always',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
  };
  const init = options.initContainers ?? [];
  const ephemeral = options.ephemeralContainers ?? [];
  if (init.length > 0) spec.initContainers = init.map(containerSpec);
  if (ephemeral.length > 0) spec.ephemeralContainers = ephemeral.map(containerSpec);
  return spec;
}

function podConditions(time: string, ready: boolean): KubeObject[] {
  const flag = ready ? 'True' : 'False';
  return [
    {
      type: 'PodReadyToStartContainers',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: time,
    },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: time },
    { type: 'Ready', status: flag, lastProbeTime: null, lastTransitionTime: time },
    { type: 'ContainersReady', status: flag, lastProbeTime: null, lastTransitionTime: time },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: time },
  ];
}

/** Options of jobPod(). */
export interface JobPodOptions {
  namespace?: string;
  /** The owning Job; the pod is named `<job>-<suffix>`. */
  job: string;
  image: string;
  imageID?: string;
  /** Default true: the pod has Succeeded and keeps its old imageID forever (F07). */
  succeeded?: boolean;
}

/** A pod of a Job, finished unless told otherwise. */
export function jobPod(options: JobPodOptions): KubeObject {
  const done = options.succeeded ?? true;
  return pod({
    namespace: options.namespace,
    name: `${options.job}-${safeSuffix(options.job, 5)}`,
    owner: { kind: 'Job', name: options.job },
    labels: { 'batch.kubernetes.io/job-name': options.job, 'job-name': options.job },
    restartPolicy: 'Never',
    containers: [
      {
        name: options.job,
        image: options.image,
        imageID: options.imageID,
        state: done ? 'terminated' : 'running',
      },
    ],
  });
}

/** Istio's injected proxy; pass `{ native: true }` to place it as a native sidecar init container. */
export function istioProxy(options: { native?: boolean } = {}): ContainerFixture {
  const proxy: ContainerFixture = { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.2' };
  return options.native === true ? { ...proxy, restartPolicy: 'Always' } : proxy;
}

/** Istio's iptables init container, completed. */
export function istioInit(): ContainerFixture {
  return { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.2', state: 'terminated' };
}
