/**
 * Partial visibility: a source that may read some kinds but not others
 * (403 on one resource) can still verify the workloads that do not depend
 * on what it cannot see. The others are unknown, never in sync.
 */
import type { IntendedWorkload } from '../intent/model.js';
import type { WorkloadKind } from '../sources/observations.js';
import type { Finding } from './evaluation.js';

/** The kinds whose objects the verification of a workload kind reads. */
const NEEDED_KINDS: Record<WorkloadKind, readonly string[]> = {
  Deployment: ['Pod', 'Deployment', 'ReplicaSet'],
  Rollout: ['Pod', 'Rollout', 'ReplicaSet'],
  StatefulSet: ['Pod', 'StatefulSet', 'ControllerRevision'],
  DaemonSet: ['Pod', 'DaemonSet', 'ControllerRevision'],
};

/**
 * The unreadable kinds a workload's verification depends on; empty when it
 * can be verified. An intent without a kind may match any workload kind,
 * so every one of them counts.
 */
export function blindingKinds(
  workload: Pick<IntendedWorkload, 'kind'>,
  unreadable: readonly string[] | undefined,
): string[] {
  if (unreadable === undefined || unreadable.length === 0) return [];
  const kinds = workload.kind !== undefined ? [workload.kind] : Object.keys(NEEDED_KINDS);
  const needed = new Set(kinds.flatMap((kind) => NEEDED_KINDS[kind as WorkloadKind]));
  return unreadable.filter((kind) => needed.has(kind));
}

/** The finding that says a workload cannot be verified because its source may not read a kind. */
export function unreadableFinding(
  region: string,
  workload: Pick<IntendedWorkload, 'namespace' | 'name'>,
  kinds: readonly string[],
): Finding {
  return {
    region,
    namespace: workload.namespace,
    workload: workload.name,
    check: 'source',
    class: 'unknown',
    severity: 'watch',
    instances: 0,
    reason: 'SourceForbidden',
    message: `cannot verify: the source of region ${region} may not read ${kinds.join(', ')} (403 Forbidden); grant get, list and watch on them`,
  };
}

/** The workloads that can be verified, and an unknown finding for each of the others. */
export function splitByVisibility<W extends Pick<IntendedWorkload, 'kind' | 'namespace' | 'name'>>(
  region: string,
  intended: readonly W[],
  unreadable: readonly string[] | undefined,
): { visible: W[]; findings: Finding[] } {
  const visible: W[] = [];
  const findings: Finding[] = [];
  for (const workload of intended) {
    const kinds = blindingKinds(workload, unreadable);
    if (kinds.length === 0) visible.push(workload);
    else findings.push(unreadableFinding(region, workload, kinds));
  }
  return { visible, findings };
}
