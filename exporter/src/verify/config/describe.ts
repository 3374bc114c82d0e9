/**
 * Config discrepancies grouped into findings: one per check, class and
 * reason, with a message that names variables, flags and objects, never a
 * value.
 */
import { SEVERITY, type Finding } from '../evaluation.js';
import type { ConfigDiscrepancy } from './context.js';

/** Where the discrepancies were found. */
export interface ConfigScope {
  region: string;
  namespace: string;
  workload: string;
  intendedVersion: string;
  /** Serving instances compared, for "n of m". */
  total: number;
}

/** Groups discrepancies into findings. */
export function groupConfigFindings(
  scope: ConfigScope,
  found: readonly ConfigDiscrepancy[],
): Finding[] {
  const groups = new Map<string, ConfigDiscrepancy[]>();
  for (const discrepancy of found) {
    const key = `${discrepancy.check}/${discrepancy.class}/${discrepancy.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), discrepancy]);
  }

  return [...groups.values()].map((items) => {
    const first = items[0]!;
    const instances = items.reduce((sum, d) => sum + d.instances, 0);
    const sinces = items.flatMap((d) => (d.since === undefined ? [] : [d.since]));
    const subjects = [...new Set(items.flatMap((d) => (d.subject ? [d.subject] : [])))].sort();
    return {
      region: scope.region,
      namespace: scope.namespace,
      workload: scope.workload,
      check: first.check,
      class: first.class,
      severity: SEVERITY[first.class],
      instances,
      ...(sinces.length > 0 ? { since: Math.min(...sinces) } : {}),
      reason: first.reason,
      message: describe(scope, first.reason, instances, subjects),
    };
  });
}

function describe(
  scope: ConfigScope,
  reason: string,
  instances: number,
  subjects: readonly string[],
): string {
  const some = `${instances} of ${scope.total} instances`;
  const what = subjects.join(', ');
  const release = scope.intendedVersion;
  const text: Record<string, string> = {
    StartedBeforeConfigChange:
      `${some} started before ${what} last changed and run the old configuration; ` +
      'restart them',
    StartedBeforeSecretChange:
      `${some} started before ${what} last changed and run the old secret; ` + 'restart them',
    ConfigReloadUnverified:
      `${some} mount config that changed after they started; ` +
      'only their own report can show whether they reloaded it',
    RunningConfigDiffers: `${some} run a config hash other than the one recorded for ${release}`,
    DeclaredConfigDiffers:
      'the template and its ConfigMaps do not hash to the config recorded for ' + release,
    ConfigRevisionDiffers: `${some} carry another checksum/config annotation than the template`,
    ReportedConfigDiffers:
      `${some} report a config hash other than the one ` + `recorded for ${release}`,
    ConfigObjectMissing:
      `the template needs ${what}, which the region does not have; ` + 'new pods cannot start',
    EnvDiffers: `${some} differ from ${release} in ${what}`,
    InlineCredential: `credentials set as literal env values: ${what}; use secretKeyRef`,
    FlagDiffers: `${some} report feature flags other than ${release} intends: ${what}`,
    ProbeFailed: `${some} did not answer the self-report probe; cannot verify what they report`,
    ReportedVersionContradictsDigest:
      `${some} report a version other than the release ` + `of their digest: ${what}`,
  };
  return text[reason] ?? `${some}: ${reason}${what ? ` (${what})` : ''}`;
}
