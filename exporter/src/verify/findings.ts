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

/** What a message is made of. */
interface Parts {
  scope: FindingScope;
  /** `n of m instances`. */
  some: string;
  /** ` run 1.14.2, 1.13.0`, or ''. */
  on: string;
  instances: number;
  intended: string;
  grace: string;
}

/** One sentence per reason, built only for the findings that have it. */
const MESSAGES: Record<string, (p: Parts) => string> = {
  WorkloadNotFound: (p) =>
    `the region has no workload ${p.scope.namespace}/${p.scope.workload}; intended ${p.intended}`,
  WorkloadsNotObserved: () =>
    'cannot verify: the source holds pods but no Deployment, StatefulSet, DaemonSet or ' +
    'Rollout (a dump of pods only?)',
  PodsNotObserved: () =>
    'cannot verify: the workload reports ready replicas but the source holds none of its ' +
    'pods (a dump without pods?)',
  DeclaredDiffersFromIntended: (p) =>
    `the workload template does not declare ${p.intended}` +
    (p.instances > 0 ? `; ${p.some}${p.on}` : ''),
  ContainerNotDeclared: (p) =>
    `the workload template does not declare every container of ${p.intended}`,
  DeclaredUnknownImage: (p) =>
    `the workload template names an image of no known release; intended ${p.intended}`,
  UnknownDigest: (p) => `${p.some} run a digest of no known release`,
  ReleasesBehind: (p) =>
    `${p.some}${p.on}, ${p.scope.staleAfterReleases} or more releases behind ${p.intended}`,
  ProgressDeadlineExceeded: (p) =>
    `rollout stuck: ${p.some}${p.on} instead of ${p.intended} and the rollout reports ` +
    'ProgressDeadlineExceeded',
  OnDelete: (p) =>
    `waiting for manual delete: ${p.some}${p.on}; updateStrategy OnDelete replaces pods ` +
    'only when they are deleted',
  Partitioned: (p) => `${p.some}${p.on}, held back by the StatefulSet partition on purpose`,
  Draining: (p) => `${p.some}${p.on} and are terminating within their grace period`,
  TerminationOverdue: (p) => `${p.some}${p.on} and are still terminating past their grace period`,
  StatusNotObserved: (p) =>
    `${p.some}${p.on}; the controller has not observed the current spec yet`,
  RolloutInProgress: (p) =>
    `${p.some}${p.on} instead of ${p.intended}; within the rollout grace of ${p.grace}`,
  RolloutProgressing: (p) =>
    `${p.some}${p.on} instead of ${p.intended}; the rollout is progressing`,
  RolloutPaused: (p) => `${p.some}${p.on} instead of ${p.intended}; the rollout is paused`,
  RolloutIncomplete: (p) =>
    `${p.some}${p.on} instead of ${p.intended}, past the rollout grace of ${p.grace}`,
  NoServingInstances: (p) => `no instance serves: ${p.instances} waiting to run or not ready`,
  NoManifestDigest: (p) =>
    `${p.some} report a local image id without a registry digest; cannot verify`,
  PossiblePlatformDigest: (p) =>
    `${p.some} run a digest that may be a platform manifest of ${p.intended}; record the ` +
    "release's platform digests under containers.<name>.platforms",
  UnparsableImageID: (p) => `${p.some} report an imageID that parses as nothing; cannot verify`,
};

function describe(
  scope: FindingScope,
  reason: string,
  instances: number,
  versions: readonly string[],
): string {
  const parts: Parts = {
    scope,
    some: `${instances} of ${scope.total} instances`,
    on: versions.length > 0 ? ` run ${versions.join(', ')}` : '',
    instances,
    intended: scope.intendedVersion,
    grace: `${Math.round(scope.graceMs / 60000)}m`,
  };
  return MESSAGES[reason]?.(parts) ?? `${parts.some}: ${reason}`;
}
