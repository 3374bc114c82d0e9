/**
 * The state of a workload's rollout, read from its status the way its
 * controller writes it. It decides whether a mismatch is on its way out
 * (converging) or going nowhere (drift).
 */
import type {
  ClusterState,
  ControllerRevisionView,
  WorkloadView,
} from '../sources/observations.js';

/** Where a rollout stands. */
export type RolloutPhase =
  /** The controller has not seen the current spec yet (`observedGeneration < generation`). */
  | 'unobserved'
  /** Replacing pods, and saying so. */
  | 'progressing'
  /** `Progressing=False` with `ProgressDeadlineExceeded`: it gave up. */
  | 'stuck'
  /** `spec.paused`: someone holds it. */
  | 'paused'
  /** Every replica runs the current template. */
  | 'complete'
  /** Old pods wait for someone to delete them (`updateStrategy: OnDelete`). */
  | 'on-delete'
  /** Not complete, and nothing in the status says it moves. */
  | 'incomplete';

export interface RolloutState {
  phase: RolloutPhase;
  /** When the current template began rolling out, when the source tells. */
  startedAt?: number;
}

/** Reads the rollout state of a workload from its status and its revisions. */
export function rolloutState(workload: WorkloadView, state: ClusterState): RolloutState {
  const startedAt = currentRevisionStart(workload, state);
  const done =
    workload.updatedReplicas >= workload.replicas &&
    workload.availableReplicas >= workload.replicas;

  if (workload.observedGeneration < workload.generation) return { phase: 'unobserved', startedAt };
  if (workload.paused && !done) return { phase: 'paused', startedAt };
  if (isDeadlineExceeded(workload)) return { phase: 'stuck', startedAt };
  if (done) return { phase: 'complete', startedAt };
  if (workload.strategy === 'OnDelete') return { phase: 'on-delete', startedAt };
  if (isProgressing(workload)) return { phase: 'progressing', startedAt };
  return { phase: 'incomplete', startedAt };
}

function isDeadlineExceeded(workload: WorkloadView): boolean {
  return workload.conditions.some(
    (c) =>
      c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded',
  );
}

/**
 * Only Deployments and Rollouts say that they progress; StatefulSets and
 * DaemonSets have no such condition, so for them only the grace period
 * tells a slow rollout from a stuck one.
 */
function isProgressing(workload: WorkloadView): boolean {
  return workload.conditions.some(
    (c) => c.type === 'Progressing' && c.status === 'True' && c.reason !== 'NewReplicaSetAvailable',
  );
}

/**
 * When the current template was first rolled out: the newest ReplicaSet of
 * a Deployment or Rollout, the update revision of a StatefulSet, the newest
 * ControllerRevision of a DaemonSet. Undefined when the source lacks them.
 */
function currentRevisionStart(workload: WorkloadView, state: ClusterState): number | undefined {
  if (workload.kind === 'Deployment' || workload.kind === 'Rollout') {
    const owned = state.replicaSets.filter(
      (rs) =>
        rs.namespace === workload.namespace &&
        rs.owner?.kind === workload.kind &&
        rs.owner.name === workload.name,
    );
    return newest(owned.map((rs) => ({ revision: rs.revision ?? 0, createdAt: rs.createdAt })));
  }

  const revisions = state.controllerRevisions.filter(
    (cr) =>
      cr.namespace === workload.namespace &&
      cr.owner?.kind === workload.kind &&
      cr.owner.name === workload.name,
  );
  if (workload.updateRevision !== undefined) {
    const update = revisions.find((cr) => cr.name === workload.updateRevision);
    if (update !== undefined) return update.createdAt;
  }
  return newest(revisions);
}

function newest(
  revisions: ReadonlyArray<Pick<ControllerRevisionView, 'revision' | 'createdAt'>>,
): number | undefined {
  let best: Pick<ControllerRevisionView, 'revision' | 'createdAt'> | undefined;
  for (const candidate of revisions) {
    if (best === undefined || candidate.revision > best.revision) best = candidate;
  }
  return best?.createdAt;
}
