/**
 * Deployment, StatefulSet, DaemonSet and Argo Rollout -> WorkloadView: what
 * the workload declares and how far its rollout has come.
 */
import {
  annotation,
  conditionsOf,
  count,
  epochMs,
  fields,
  flag,
  integer,
  objects,
  text,
  withoutUndefined,
  type Fields,
} from './fields.js';
import type { UpdateStrategy, WorkloadKind, WorkloadView } from './observations.js';
import { templateImages } from './pod-template.js';
import { CONFIG_CHECKSUM_ANNOTATION, projectTemplateConfig } from './project-config.js';
import { projectCanary } from './project-canary.js';
import { DEFAULT_REPLICAS } from './project-replicaset.js';

/** The API groups each workload kind is served from; `extensions` held them before apps/v1. */
const WORKLOAD_GROUPS: Record<WorkloadKind, readonly string[]> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Rollout: ['argoproj.io'],
};

/**
 * The workload kind of an object, from its `kind` and `apiVersion`, or
 * undefined for anything else. A kind named like ours in another API group
 * (some CRDs call themselves Rollout) is not ours. Client-node models carry
 * no apiVersion, so a missing one is accepted.
 */
export function workloadKindOf(kind: unknown, apiVersion: unknown): WorkloadKind | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(WORKLOAD_GROUPS, kind)) return undefined;
  const workloadKind = kind as WorkloadKind;
  if (typeof apiVersion !== 'string') return workloadKind;

  return WORKLOAD_GROUPS[workloadKind].includes(apiGroupOf(apiVersion)) ? workloadKind : undefined;
}

/** The group of an apiVersion: `apps/v1` -> `apps`, `v1` -> '' (the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Projects a workload of the given kind, given as plain JSON or as a
 * client-node model (which has no `kind`, so the caller names it).
 */
export function projectWorkload(kind: WorkloadKind, object: unknown): WorkloadView {
  const workload = fields(object);
  const metadata = fields(workload.metadata);
  const spec = fields(workload.spec);
  const status = fields(workload.status);

  const common = {
    kind,
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    createdAt: epochMs(metadata.creationTimestamp),
    generation: count(metadata.generation),
    observedGeneration: count(status.observedGeneration),
    images: templateImages(spec.template),
    conditions: conditionsOf(status),
    templateConfig: projectTemplateConfig(fields(fields(spec.template).spec)),
    configChecksum: annotation(fields(fields(spec.template).metadata), CONFIG_CHECKSUM_ANNOTATION),
  };
  return withoutUndefined({ ...common, ...ROLLOUT_STATE[kind](spec, status) });
}

/** The kind-specific part of a WorkloadView. */
type RolloutState = Pick<
  WorkloadView,
  | 'replicas'
  | 'updatedReplicas'
  | 'readyReplicas'
  | 'availableReplicas'
  | 'strategy'
  | 'partition'
  | 'paused'
  | 'currentRevision'
  | 'updateRevision'
  | 'canary'
> &
  Partial<Pick<WorkloadView, 'observedGeneration'>>;

const ROLLOUT_STATE: Record<WorkloadKind, (spec: Fields, status: Fields) => RolloutState> = {
  Deployment: (spec, status) => ({
    ...replicaCounts(spec, status),
    strategy: strategyOf(fields(spec.strategy).type),
    paused: flag(spec.paused),
  }),

  StatefulSet: (spec, status) => {
    const updateStrategy = fields(spec.updateStrategy);
    return {
      ...replicaCounts(spec, status),
      strategy: strategyOf(updateStrategy.type),
      partition: integer(fields(updateStrategy.rollingUpdate).partition),
      paused: false,
      currentRevision: text(status.currentRevision),
      updateRevision: text(status.updateRevision),
    };
  },

  // A DaemonSet has no replica count: its size is the number of nodes it should run on.
  DaemonSet: (spec, status) => ({
    replicas: count(status.desiredNumberScheduled),
    updatedReplicas: count(status.updatedNumberScheduled),
    readyReplicas: count(status.numberReady),
    availableReplicas: count(status.numberAvailable),
    strategy: strategyOf(fields(spec.updateStrategy).type),
    paused: false,
  }),

  // TODO: a Rollout may name its template through `spec.workloadRef` (a
  // Deployment it borrows from) instead of `spec.template`; such Rollouts
  // project with no images until the engine resolves the reference.
  Rollout: (spec, status) => ({
    ...replicaCounts(spec, status),
    // Canary and blue-green both replace pods gradually; neither is Recreate or OnDelete.
    strategy: 'RollingUpdate',
    // A canary step `pause: {}` stops the rollout through status.pauseConditions,
    // not spec.paused; both mean a person (or a timer) must let it go on.
    paused: flag(spec.paused) || objects(status.pauseConditions).length > 0,
    // Argo writes observedGeneration as a string; versions before 0.10 wrote
    // a template hash there, which tells nothing about generations: read as 0.
    observedGeneration: integer(status.observedGeneration) ?? 0,
    canary: projectCanary(spec, status),
  }),
};

function replicaCounts(spec: Fields, status: Fields) {
  return {
    replicas: integer(spec.replicas) ?? DEFAULT_REPLICAS,
    updatedReplicas: count(status.updatedReplicas),
    readyReplicas: count(status.readyReplicas),
    availableReplicas: count(status.availableReplicas),
  };
}

/** `RollingUpdate` unless the object says Recreate or OnDelete: that is the API server's default. */
function strategyOf(type: unknown): UpdateStrategy {
  return type === 'Recreate' || type === 'OnDelete' ? type : 'RollingUpdate';
}
