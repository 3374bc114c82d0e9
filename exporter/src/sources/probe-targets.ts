/**
 * Which instances the reported layer asks, and where: every ready pod, with
 * an IP, of each intended workload that has a `probe`. Pure: a function of
 * the intent and one region's observed state.
 */
import type { Intent, IntendedWorkload, ProbeSpec } from '../intent/model.js';
import { resolveOwner } from '../verify/owners.js';
import { intendedReleaseIndex } from '../verify/releases.js';
import type { ClusterState, PodView, ReplicaSetView } from './observations.js';

/** One instance to probe. */
export interface ProbeTarget {
  region: string;
  namespace: string;
  workload: string;
  pod: string;
  /** The pod's uid: a report of an earlier pod of the same name is not this pod's. */
  uid: string;
  podIP: string;
  probe: ProbeSpec;
}

/** The instances to probe in one region, in a stable order. */
export function probeTargets(intent: Intent, region: string, state: ClusterState): ProbeTarget[] {
  const probed = intent.workloads.filter(
    (w) => w.probe !== undefined && intendedReleaseIndex(w, region) !== undefined,
  );
  if (probed.length === 0) return [];

  const replicaSets = new Map<string, ReplicaSetView>();
  for (const rs of state.replicaSets) replicaSets.set(`${rs.namespace}/${rs.name}`, rs);
  const targets: ProbeTarget[] = [];
  for (const pod of state.pods) {
    const owner = resolveOwner(pod, replicaSets);
    if (owner === undefined) continue;
    const workload = probed.find(
      (w) =>
        w.namespace === owner.namespace &&
        w.name === owner.name &&
        (w.kind === undefined || w.kind === owner.kind),
    );
    const target = workload && targetOf(region, workload, pod);
    if (target !== undefined) targets.push(target);
  }
  return targets;
}

function targetOf(
  region: string,
  workload: IntendedWorkload,
  pod: PodView,
): ProbeTarget | undefined {
  const probe = workload.probe!;
  if (pod.podIP === undefined || pod.podIP === '' || !readyToReport(workload, region, pod)) {
    return undefined;
  }
  return {
    region,
    namespace: pod.namespace,
    workload: workload.name,
    pod: pod.name,
    uid: pod.uid,
    podIP: pod.podIP,
    probe,
  };
}

/**
 * The same test as the engine's `serving` (verify/instances.ts), so that
 * every instance the reported check compares was asked: the container the
 * report speaks for is running and ready. A pod that is not ready is not
 * asked: it may not listen yet, and its failure would say nothing about
 * what it runs.
 */
function readyToReport(workload: IntendedWorkload, region: string, pod: PodView): boolean {
  const release = workload.releases[intendedReleaseIndex(workload, region) ?? 0];
  const name = workload.probe?.container ?? Object.keys(release?.containers ?? {})[0];
  const container = pod.containers.find((c) => c.name === name && c.role !== 'ephemeral');
  return container !== undefined && container.state === 'running' && container.ready;
}
