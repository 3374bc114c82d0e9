/**
 * Workload fixtures: Deployment, ReplicaSet, StatefulSet, ControllerRevision,
 * DaemonSet and Argo Rollout, with status as their controllers fill it.
 */
import {
  FIXTURE_NAMESPACE,
  FIXTURE_TIME,
  objectMeta,
  safeSuffix,
  type KubeObject,
} from './objects.js';
import type { EnvFixture } from './pods.js';

/** A container of a pod template. */
export interface TemplateContainer {
  name: string;
  image: string;
  env?: EnvFixture[];
  /** `Always` on an init container makes it a native sidecar. */
  restartPolicy?: 'Always';
}

/** The template part shared by every workload builder: one `image` (container `app`) or `containers`. */
export interface TemplateOptions {
  /** Shorthand for `containers: [{ name: 'app', image }]`. */
  image?: string;
  containers?: TemplateContainer[];
  initContainers?: TemplateContainer[];
}

/** A status condition; times default to FIXTURE_TIME. */
export interface ConditionFixture {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** The Deployment conditions of the common situations (F08). */
export const deploymentConditions = {
  /** Rollout finished: Available, and Progressing with NewReplicaSetAvailable. */
  complete: (replicaSet = 'app'): ConditionFixture[] => [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${replicaSet}" has successfully progressed.`,
    },
  ],
  /** Rollout under way. */
  progressing: (replicaSet = 'app'): ConditionFixture[] => [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${replicaSet}" is progressing.`,
    },
  ],
  /** Rollout stuck past progressDeadlineSeconds. */
  stuck: (replicaSet = 'app'): ConditionFixture[] => [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${replicaSet}" has timed out progressing.`,
    },
  ],
};

function conditionObjects(conditions: ConditionFixture[]): KubeObject[] {
  return conditions.map((condition) => ({
    lastTransitionTime: FIXTURE_TIME,
    lastUpdateTime: FIXTURE_TIME,
    ...condition,
  }));
}

function templateContainers(options: TemplateOptions): TemplateContainer[] {
  if (options.containers !== undefined) return options.containers;
  if (options.image !== undefined) return [{ name: 'app', image: options.image }];
  throw new Error('a workload fixture needs `image` or `containers`');
}

/** A pod template with the given labels, as controllers store it. */
export function podTemplate(options: TemplateOptions, labels: Record<string, string>): KubeObject {
  const container = (c: TemplateContainer) => ({
    ...c,
    imagePullPolicy: 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
  const spec: KubeObject = {
    containers: templateContainers(options).map(container),
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
  };
  if (options.initContainers !== undefined)
    spec.initContainers = options.initContainers.map(container);
  return { metadata: { labels }, spec };
}

/** The `pod-template-hash` a ReplicaSet of this template gets (10 safe characters). */
export function templateHashOf(options: TemplateOptions): string {
  return safeSuffix(JSON.stringify(templateContainers(options)), 10);
}

/** Options shared by the builders of top-level workloads. */
interface WorkloadCommon extends TemplateOptions {
  /** Default `shop`. */
  namespace?: string;
  name: string;
  /** Default 1. */
  generation?: number;
  /** Default: equal to generation. */
  observedGeneration?: number;
  creationTimestamp?: string;
  conditions?: ConditionFixture[];
}

function workloadMeta(kind: string, options: WorkloadCommon, annotations?: Record<string, string>) {
  return objectMeta({
    kind,
    namespace: options.namespace ?? FIXTURE_NAMESPACE,
    name: options.name,
    labels: { app: options.name },
    annotations,
    generation: options.generation ?? 1,
    creationTimestamp: options.creationTimestamp,
  });
}

/** Options of deployment(). Counts default to a finished rollout of `replicas`. */
export interface DeploymentOptions extends WorkloadCommon {
  /** Default 3. */
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  paused?: boolean;
  strategy?: 'RollingUpdate' | 'Recreate';
  /** `deployment.kubernetes.io/revision`; default 1. */
  revision?: number;
}

/** A Deployment with spec and status; conditions default to deploymentConditions.complete(). */
export function deployment(options: DeploymentOptions): KubeObject {
  const replicas = options.replicas ?? 3;
  const ready = options.readyReplicas ?? replicas;
  const generation = options.generation ?? 1;
  const strategy =
    options.strategy === 'Recreate'
      ? { type: 'Recreate' }
      : { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  const rsName = `${options.name}-${templateHashOf(options)}`;

  const spec: KubeObject = {
    progressDeadlineSeconds: 600,
    replicas,
    revisionHistoryLimit: 10,
    selector: { matchLabels: { app: options.name } },
    strategy,
    template: podTemplate(options, { app: options.name }),
  };
  if (options.paused === true) spec.paused = true;

  const revision = String(options.revision ?? 1);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMeta('Deployment', options, {
      'deployment.kubernetes.io/revision': revision,
    }),
    spec,
    status: {
      availableReplicas: options.availableReplicas ?? ready,
      conditions: conditionObjects(options.conditions ?? deploymentConditions.complete(rsName)),
      observedGeneration: options.observedGeneration ?? generation,
      readyReplicas: ready,
      replicas,
      updatedReplicas: options.updatedReplicas ?? replicas,
    },
  };
}

/** Options of replicaSet(). */
export interface ReplicaSetOptions extends TemplateOptions {
  namespace?: string;
  /** The owning Deployment. */
  deployment: string;
  /** `deployment.kubernetes.io/revision`. */
  revision: number;
  /** Default: derived from the template (templateHashOf). */
  templateHash?: string;
  /** `spec.replicas`; 0 for an old, scaled-down ReplicaSet. Default 3. */
  replicas?: number;
  readyReplicas?: number;
  creationTimestamp?: string;
}

/** A Deployment's ReplicaSet, named `<deployment>-<pod-template-hash>`. */
export function replicaSet(options: ReplicaSetOptions): KubeObject {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const hash = options.templateHash ?? templateHashOf(options);
  const labels = { app: options.deployment, 'pod-template-hash': hash };
  const replicas = options.replicas ?? 3;
  const ready = options.readyReplicas ?? replicas;
  const metadata = objectMeta({
    kind: 'ReplicaSet',
    namespace,
    name: `${options.deployment}-${hash}`,
    labels,
    annotations: {
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + 1),
      'deployment.kubernetes.io/revision': String(options.revision),
    },
    owner: { kind: 'Deployment', name: options.deployment },
    generation: 1,
    creationTimestamp: options.creationTimestamp,
  });

  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata,
    spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(options, labels) },
    status: {
      availableReplicas: ready,
      fullyLabeledReplicas: replicas,
      observedGeneration: 1,
      readyReplicas: ready,
      replicas,
    },
  };
}
