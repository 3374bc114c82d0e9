/**
 * The running layer of configuration: what each serving instance started
 * with, compared with what its ConfigMaps and Secrets hold now and with the
 * intended config hash (field case F11).
 */
import type { ConfigObjectKind } from '../../sources/config-views.js';
import type { PodView } from '../../sources/observations.js';
import type { Instance } from '../instances.js';
import { configHash } from './config-hash.js';
import {
  classByGrace,
  servingInstances,
  type ConfigContext,
  type ConfigDiscrepancy,
} from './context.js';
import { changedSinceStart, consumersOf, lookup, type Consumer } from './consumers.js';

/** The outcome for one instance. */
export interface InstanceConfig {
  instance: Instance;
  discrepancies: ConfigDiscrepancy[];
  /** True when something about its config could not be verified. */
  unknown: boolean;
}

/** Compares every serving instance's configuration. */
export function checkRunningConfig(ctx: ConfigContext): InstanceConfig[] {
  return servingInstances(ctx).map((instance) => checkInstance(ctx, instance));
}

function checkInstance(ctx: ConfigContext, instance: Instance): InstanceConfig {
  const { pod } = instance;
  const container = pod.containers.find((c) => c.name === instance.container);
  const found: ConfigDiscrepancy[] = [];
  let unknown = false;

  let stale = false;
  for (const consumer of consumersOf(container?.config)) {
    const outcome = checkConsumer(ctx, pod, instance.container, consumer);
    if (outcome === 'unknown') unknown = true;
    else if (outcome !== undefined) {
      found.push(outcome);
      stale ||= outcome.reason.startsWith('StartedBefore');
    }
  }
  // A pod that runs old content has no current hash to compare: its stale
  // consumption is the finding, not a second one about the hash.
  if (!stale) found.push(...hashDiscrepancies(ctx, pod));
  found.push(...reportedConfig(ctx, instance));
  return { instance, discrepancies: found, unknown };
}

const STARTED_BEFORE: Record<ConfigObjectKind, string> = {
  ConfigMap: 'StartedBeforeConfigChange',
  Secret: 'StartedBeforeSecretChange',
};

function checkConsumer(
  ctx: ConfigContext,
  pod: PodView,
  container: string,
  consumer: Consumer,
): ConfigDiscrepancy | 'unknown' | undefined {
  const object = lookup(ctx.objects, consumer.kind, consumer.name);
  if (object === undefined) return undefined;
  if (changedSinceStart(object, pod.startTime) !== true) return undefined;

  const subject = `${consumer.kind}/${consumer.name} (${consumer.mode})`;
  const since = object.changedAt;
  if (consumer.mode === 'directory') {
    // The kubelet refreshed the files; only the process can say whether it re-read them.
    const report = ctx.reports.get(pod.name);
    const settled = report?.ok === true && report.configHash !== undefined;
    if (settled && container === ctx.reportingContainer) return undefined;
    return 'unknown';
  }
  const cls = since !== undefined ? classByGrace(ctx, since) : 'drift';
  const base = { check: 'config' as const, subject, instances: 1 };
  return { ...base, class: cls, reason: STARTED_BEFORE[consumer.kind], ...sinceOf(since) };
}

/** The running config hash and the chart's config revision, compared with the intent and template. */
function hashDiscrepancies(ctx: ConfigContext, pod: PodView): ConfigDiscrepancy[] {
  const found: ConfigDiscrepancy[] = [];
  const intended = ctx.release.config;
  if (intended !== undefined && ctx.objects.readsConfigMaps) {
    const configs = pod.containers.flatMap((c) => (c.config === undefined ? [] : [c.config]));
    if (configHash(configs, ctx.objects.configMaps) !== intended) {
      const since = Math.max(ctx.intendedSince, pod.startTime ?? 0);
      found.push({
        check: 'config',
        class: classByGrace(ctx, since),
        reason: 'RunningConfigDiffers',
        instances: 1,
        since,
      });
    }
  }
  const declared = ctx.view?.configChecksum;
  if (declared !== undefined && pod.configChecksum !== declared) {
    const since = ctx.intendedSince;
    const cls = classByGrace(ctx, since);
    found.push({
      check: 'config',
      class: cls,
      reason: 'ConfigRevisionDiffers',
      instances: 1,
      since,
    });
  }
  return found;
}

/** What the instance itself says its config hash is, against the intended one. */
function reportedConfig(ctx: ConfigContext, instance: Instance): ConfigDiscrepancy[] {
  const report = ctx.reports.get(instance.pod.name);
  const intended = ctx.release.config;
  if (instance.container !== ctx.reportingContainer || intended === undefined) return [];
  if (report?.ok !== true || report.configHash === undefined) return [];
  if (report.configHash === intended) return [];
  const since = ctx.intendedSince;
  const cls = classByGrace(ctx, since);
  return [{ check: 'config', class: cls, reason: 'ReportedConfigDiffers', instances: 1, since }];
}

function sinceOf(since: number | undefined): { since?: number } {
  return since === undefined ? {} : { since };
}
