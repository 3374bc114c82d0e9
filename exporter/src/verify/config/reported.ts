/**
 * The reported layer: what each serving instance says about itself when
 * probed, against the intent (flags) and against its own running digest
 * (version). A probe that failed is unknown, never drift.
 */
import type { InstanceReportView } from '../../sources/config-views.js';
import type { Instance } from '../instances.js';
import {
  classByGrace,
  servingInstances,
  type ConfigContext,
  type ConfigDiscrepancy,
} from './context.js';

/** Instances whose reported flag differs, per container and flag (zeros included). */
export interface FlagMismatch {
  container: string;
  flag: string;
  instances: number;
}

type FlagValue = string | number | boolean;

/** Compares every serving instance's report, when the workload is probed. */
export function checkReports(ctx: ConfigContext): {
  discrepancies: ConfigDiscrepancy[];
  flags: FlagMismatch[];
  failed: number;
} {
  const discrepancies: ConfigDiscrepancy[] = [];
  const intended = Object.entries(ctx.release.flags ?? {});
  const counts = new Map(intended.map(([flag]) => [flag, 0]));
  let failed = 0;
  if (ctx.intent.probe === undefined) return { discrepancies, flags: [], failed };

  for (const instance of servingInstances(ctx)) {
    if (instance.container !== ctx.reportingContainer) continue;
    const report = ctx.reports.get(instance.pod.name);
    if (report === undefined || !report.ok) {
      failed += 1;
      discrepancies.push({ check: 'flag', class: 'unknown', reason: 'ProbeFailed', instances: 1 });
      continue;
    }
    discrepancies.push(...versionContradiction(instance, report));
    for (const [flag, value] of intended) {
      if (sameFlag(value, report.flags[flag])) continue;
      counts.set(flag, (counts.get(flag) ?? 0) + 1);
      const since = ctx.intendedSince;
      const cls = classByGrace(ctx, since);
      discrepancies.push({
        check: 'flag',
        class: cls,
        reason: 'FlagDiffers',
        subject: flag,
        instances: 1,
        since,
      });
    }
  }
  const container = ctx.reportingContainer;
  const flags = [...counts].map(([flag, instances]) => ({ container, flag, instances }));
  return { discrepancies, flags, failed };
}

/**
 * A process that reports another version than the release its digest
 * belongs to was not built the way the release process records: its image
 * is not what the release says it is.
 */
function versionContradiction(instance: Instance, report: InstanceReportView): ConfigDiscrepancy[] {
  if (!report.ok || report.version === undefined || instance.kind !== 'release') return [];
  if (normaliseVersion(report.version) === normaliseVersion(instance.version)) return [];
  return [
    {
      check: 'digest',
      class: 'unexpected',
      reason: 'ReportedVersionContradictsDigest',
      subject: `${instance.pod.name} runs the digest of ${instance.version}`,
      instances: 1,
      since: report.at,
    },
  ];
}

/** `v1.2.3` and `1.2.3` name the same version. */
function normaliseVersion(version: string): string {
  return version.trim().replace(/^v(?=\d)/, '');
}

/**
 * Flag values as services report them: a boolean may come back as 1/0 (a
 * Prometheus gauge) or "true"/"false" (JSON written by hand).
 */
export function sameFlag(intended: FlagValue, reported: FlagValue | undefined): boolean {
  if (reported === undefined) return false;
  if (typeof intended === 'boolean') {
    const truthy = reported === true || reported === 1 || reported === 'true';
    const falsy = reported === false || reported === 0 || reported === 'false';
    return intended ? truthy : falsy;
  }
  if (typeof intended === 'number') return Number(reported) === intended;
  return String(reported) === intended;
}
