/**
 * Discrepancies grouped into findings: one per workload, check, class and
 * reason, with a message a person can act on.
 */
import type { Check, Finding } from './evaluation.js';
import { SEVERITY } from './evaluation.js';
import type { Discrepancy } from './digest-check.js';

/** Where the discrepancies were found. */
export interface FindingScope {
  region: string;
  namespace: string;
  workload: string;
  check: Check;
  intendedVersion: string;
  /** Compared instances of the workload, for "n of m" in messages. */
  total: number;
  graceMs: number;
  staleAfterReleases: number;
}

/** Groups discrepancies by class and reason into findings. */
export function groupFindings(scope: FindingScope, found: readonly Discrepancy[]): Finding[] {
  const groups = new Map<string, { first: Discrepancy; items: Discrepancy[] }>();
  for (const discrepancy of found) {
    const key = `${discrepancy.class}/${discrepancy.reason}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: discrepancy, items: [discrepancy] });
    else group.items.push(discrepancy);
  }

  return [...groups.values()].map(({ first, items }) => {
    const instances = items.reduce((sum, d) => sum + d.instances, 0);
    const sinces = items.flatMap((d) => (d.since === undefined ? [] : [d.since]));
    const versions = [...new Set(items.flatMap((d) => (d.version ? [d.version] : [])))].sort();
    const details = [...new Set(items.flatMap((d) => (d.detail ? [d.detail] : [])))];
    const message = describe(scope, first.reason, instances, versions);
    return {
      region: scope.region,
      namespace: scope.namespace,
      workload: scope.workload,
      check: scope.check,
      class: first.class,
      severity: SEVERITY[first.class],
      instances,
      ...(sinces.length > 0 ? { since: Math.min(...sinces) } : {}),
      reason: first.reason,
      message: details.length > 0 ? `${message}: ${details.join('; ')}` : message,
    };
  });
}

function describe(
  scope: FindingScope,
  reason: string,
  instances: number,
  versions: readonly string[],
): string {
  const some = `${instances} of ${scope.total} instances`;
  const on = versions.length > 0 ? ` run ${versions.join(', ')}` : '';
  const intended = scope.intendedVersion;
  const grace = `${Math.round(scope.graceMs / 60000)}m`;
  const text: Record<string, string> = {
    WorkloadNotFound: `the region has no workload ${scope.namespace}/${scope.workload}; intended ${intended}`,
    WorkloadsNotObserved: `cannot verify: the source holds pods but no Deployment, StatefulSet, DaemonSet or Rollout (a dump of pods only?)`,
    PodsNotObserved: `cannot verify: the workload reports ready replicas but the source holds none of its pods (a dump without pods?)`,
    DeclaredDiffersFromIntended: `the workload template does not declare ${intended}${instances > 0 ? `; ${some}${on}` : ''}`,
    ContainerNotDeclared: `the workload template does not declare every container of ${intended}`,
    DeclaredUnknownImage: `the workload template names an image of no known release; intended ${intended}`,
    UnknownDigest: `${some} run a digest of no known release`,
    ReleasesBehind: `${some}${on}, ${scope.staleAfterReleases} or more releases behind ${intended}`,
    ProgressDeadlineExceeded: `rollout stuck: ${some}${on} instead of ${intended} and the rollout reports ProgressDeadlineExceeded`,
    OnDelete: `waiting for manual delete: ${some}${on}; updateStrategy OnDelete replaces pods only when they are deleted`,
    Partitioned: `${some}${on}, held back by the StatefulSet partition on purpose`,
    Draining: `${some}${on} and are terminating within their grace period`,
    TerminationOverdue: `${some}${on} and are still terminating past their grace period`,
    StatusNotObserved: `${some}${on}; the controller has not observed the current spec yet`,
    RolloutInProgress: `${some}${on} instead of ${intended}; within the rollout grace of ${grace}`,
    RolloutProgressing: `${some}${on} instead of ${intended}; the rollout is progressing`,
    RolloutPaused: `${some}${on} instead of ${intended}; the rollout is paused`,
    RolloutIncomplete: `${some}${on} instead of ${intended}, past the rollout grace of ${grace}`,
    NoServingInstances: `no instance serves: ${instances} waiting to run or not ready`,
    NoManifestDigest: `${some} report a local image id without a registry digest; cannot verify`,
    PossiblePlatformDigest: `${some} run a digest that may be a platform manifest of ${intended}; record the release's platform digests under containers.<name>.platforms`,
    UnparsableImageID: `${some} report an imageID that parses as nothing; cannot verify`,
  };
  return text[reason] ?? `${some}: ${reason}`;
}
