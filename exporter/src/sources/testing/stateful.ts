/**
 * Fixtures of the workloads that track revisions with ControllerRevisions
 * (StatefulSet, DaemonSet), and of Argo Rollouts.
 */
import { FIXTURE_NAMESPACE, objectMeta, type KubeObject } from './objects.js';
import {
  podTemplate,
  templateHashOf,
  type ConditionFixture,
  type TemplateOptions,
} from './workloads.js';

/** Options shared by statefulSet(), daemonSet() and rollout(). */
interface Common extends TemplateOptions {
  /** Default `shop`. */
  namespace?: string;
  name: string;
  /** Default 1. */
  generation?: number;
  /** Default: equal to generation. */
  observedGeneration?: number;
  creationTimestamp?: string;
}

function meta(kind: string, options: Common) {
  return objectMeta({
    kind,
    namespace: options.namespace ?? FIXTURE_NAMESPACE,
    name: options.name,
    labels: { app: options.name },
    generation: options.generation ?? 1,
    creationTimestamp: options.creationTimestamp,
  });
}

/** Options of statefulSet(). Counts default to a finished rollout of `replicas`. */
export interface StatefulSetOptions extends Common {
  /** Default 3. */
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  updateStrategy?: 'RollingUpdate' | 'OnDelete';
  /** `rollingUpdate.partition`: ordinals below it keep the current revision (F09). */
  partition?: number;
  /** ControllerRevision names; default `<name>-<hash of the template>` for both. */
  currentRevision?: string;
  updateRevision?: string;
}

/** A StatefulSet with spec and status as the StatefulSet controller fills it. */
export function statefulSet(options: StatefulSetOptions): KubeObject {
  const replicas = options.replicas ?? 3;
  const updated = options.updatedReplicas ?? replicas;
  const ready = options.readyReplicas ?? replicas;
  const updateRevision = options.updateRevision ?? `${options.name}-${templateHashOf(options)}`;
  const updateStrategy =
    options.updateStrategy === 'OnDelete'
      ? { type: 'OnDelete' }
      : { type: 'RollingUpdate', rollingUpdate: { partition: options.partition ?? 0 } };

  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('StatefulSet', options),
    spec: {
      podManagementPolicy: 'OrderedReady',
      replicas,
      selector: { matchLabels: { app: options.name } },
      serviceName: options.name,
      template: podTemplate(options, { app: options.name }),
      updateStrategy,
    },
    status: {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: replicas - updated,
      currentRevision: options.currentRevision ?? updateRevision,
      observedGeneration: options.observedGeneration ?? options.generation ?? 1,
      readyReplicas: ready,
      replicas,
      updateRevision,
      updatedReplicas: updated,
    },
  };
}

/** Options of controllerRevision(). */
export interface ControllerRevisionOptions extends TemplateOptions {
  namespace?: string;
  owner: { kind: 'StatefulSet' | 'DaemonSet'; name: string };
  /** `revision`: 1 for the first template, counting up. */
  revision: number;
  /** The hash suffix; default derived from the template. Named `<owner>-<hash>`. */
  hash?: string;
  creationTimestamp?: string;
}

/** A ControllerRevision: one template in a StatefulSet's or DaemonSet's history. */
export function controllerRevision(options: ControllerRevisionOptions): KubeObject {
  const hash = options.hash ?? templateHashOf(options);
  const template = { ...podTemplate(options, { app: options.owner.name }), $patch: 'replace' };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: objectMeta({
      kind: 'ControllerRevision',
      namespace: options.namespace ?? FIXTURE_NAMESPACE,
      name: `${options.owner.name}-${hash}`,
      labels: { app: options.owner.name, 'controller-revision-hash': hash },
      owner: options.owner,
      creationTimestamp: options.creationTimestamp,
    }),
    data: { spec: { template } },
    revision: options.revision,
  };
}

/** Options of daemonSet(). Counts default to a finished rollout on `desired` nodes. */
export interface DaemonSetOptions extends Common {
  /** `desiredNumberScheduled`: nodes it should run on. Default 3. */
  desired?: number;
  updated?: number;
  ready?: number;
  updateStrategy?: 'RollingUpdate' | 'OnDelete';
}

/** A DaemonSet with status as the DaemonSet controller fills it. */
export function daemonSet(options: DaemonSetOptions): KubeObject {
  const desired = options.desired ?? 3;
  const ready = options.ready ?? desired;
  const updateStrategy =
    options.updateStrategy === 'OnDelete'
      ? { type: 'OnDelete' }
      : { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };

  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('DaemonSet', options),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: options.name } },
      template: podTemplate(options, { app: options.name }),
      updateStrategy,
    },
    status: {
      currentNumberScheduled: desired,
      desiredNumberScheduled: desired,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: options.observedGeneration ?? options.generation ?? 1,
      updatedNumberScheduled: options.updated ?? desired,
    },
  };
}

/** Options of rollout(). */
export interface RolloutOptions extends Common {
  /** Default 3. */
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  /** `spec.paused`. */
  paused?: boolean;
  /** Reasons in `status.pauseConditions`, e.g. `CanaryPauseStep`. */
  pauseReasons?: string[];
  conditions?: ConditionFixture[];
}

/** An Argo Rollout (argoproj.io/v1alpha1) with a canary strategy. */
export function rollout(options: RolloutOptions): KubeObject {
  const replicas = options.replicas ?? 3;
  const ready = options.readyReplicas ?? replicas;
  const spec: KubeObject = {
    replicas,
    selector: { matchLabels: { app: options.name } },
    strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } },
    template: podTemplate(options, { app: options.name }),
  };
  if (options.paused === true) spec.paused = true;

  const status: KubeObject = {
    availableReplicas: ready,
    conditions: options.conditions ?? [],
    // Argo writes observedGeneration as a string.
    observedGeneration: String(options.observedGeneration ?? options.generation ?? 1),
    readyReplicas: ready,
    replicas,
    updatedReplicas: options.updatedReplicas ?? replicas,
  };
  if (options.pauseReasons !== undefined) {
    status.pauseConditions = options.pauseReasons.map((reason) => ({
      reason,
      startTime: '2026-11-30T12:00:00Z',
    }));
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: meta('Rollout', options),
    spec,
    status,
  };
}
