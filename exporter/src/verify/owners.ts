/**
 * Which workload a pod serves: pod -> ReplicaSet -> Deployment (or Argo
 * Rollout), or pod -> StatefulSet / DaemonSet directly. Job pods, bare pods
 * and pods of unknown controllers serve no workload.
 */
import type {
  ClusterState,
  PodView,
  ReplicaSetView,
  WorkloadKind,
} from '../sources/observations.js';

/** A workload's identity within a region. */
export interface WorkloadKey {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** `Kind/namespace/name`: a map key for a workload. */
export function workloadKeyString(key: WorkloadKey): string {
  return `${key.kind}/${key.namespace}/${key.name}`;
}

const DIRECT_OWNERS: ReadonlySet<string> = new Set(['StatefulSet', 'DaemonSet']);
const REPLICA_SET_OWNERS: ReadonlySet<string> = new Set(['Deployment', 'Rollout']);

/** Groups the pods of a region by the workload that owns them. */
export function podsByWorkload(state: ClusterState): Map<string, PodView[]> {
  const replicaSets = new Map<string, ReplicaSetView>();
  for (const rs of state.replicaSets) replicaSets.set(`${rs.namespace}/${rs.name}`, rs);

  const groups = new Map<string, PodView[]>();
  for (const pod of state.pods) {
    const owner = resolveOwner(pod, replicaSets);
    if (owner === undefined) continue;
    const key = workloadKeyString(owner);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [pod]);
    else group.push(pod);
  }
  return groups;
}

/** The workload a pod serves, or undefined for Job pods, bare pods and unknown owners. */
export function resolveOwner(
  pod: PodView,
  replicaSets: ReadonlyMap<string, ReplicaSetView>,
): WorkloadKey | undefined {
  const owner = pod.owner;
  if (owner === undefined) return undefined;
  if (DIRECT_OWNERS.has(owner.kind)) {
    return { kind: owner.kind as WorkloadKind, namespace: pod.namespace, name: owner.name };
  }
  if (owner.kind !== 'ReplicaSet') return undefined;

  const rs = replicaSets.get(`${pod.namespace}/${owner.name}`);
  if (rs?.owner !== undefined && REPLICA_SET_OWNERS.has(rs.owner.kind)) {
    return { kind: rs.owner.kind as WorkloadKind, namespace: pod.namespace, name: rs.owner.name };
  }
  if (rs !== undefined) return undefined;
  return deploymentFromReplicaSetName(pod, owner.name);
}

/**
 * A snapshot may lack the ReplicaSet (taken with `kubectl get pods` only).
 * A Deployment names its ReplicaSets `<deployment>-<pod-template-hash>`,
 * so the Deployment is recoverable when the pod's hash label ends the name.
 */
function deploymentFromReplicaSetName(pod: PodView, rsName: string): WorkloadKey | undefined {
  const suffix = pod.templateHash === undefined ? undefined : `-${pod.templateHash}`;
  if (suffix === undefined || !rsName.endsWith(suffix) || rsName.length === suffix.length) {
    return undefined;
  }
  return { kind: 'Deployment', namespace: pod.namespace, name: rsName.slice(0, -suffix.length) };
}
