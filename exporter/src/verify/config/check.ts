/**
 * The config, env, secret and flag checks of one workload in one region:
 * runs each, groups their findings and builds the verdict the metrics read.
 */
import type { IntendedRelease, IntendedWorkload } from '../../intent/model.js';
import type { InstanceReportView } from '../../sources/config-views.js';
import type { ClusterState, WorkloadView } from '../../sources/observations.js';
import type { Check, Finding } from '../evaluation.js';
import type { Instance } from '../instances.js';
import { configObjectsOf } from './consumers.js';
import { servingInstances, type ConfigContext } from './context.js';
import { checkDeclaredConfig } from './declared-config.js';
import { groupConfigFindings } from './describe.js';
import { checkEnv } from './env-check.js';
import { findInlineSecrets } from './inline-secrets.js';
import { checkReports } from './reported.js';
import { checkRunningConfig, type InstanceConfig } from './running-config.js';
import type { ConfigVerdict } from './verdict.js';

/** What the config checks of one workload read. */
export interface ConfigCheckInput {
  region: string;
  intent: IntendedWorkload;
  release: IntendedRelease;
  view?: WorkloadView;
  state: ClusterState;
  instances: readonly Instance[];
  intendedSince: number;
  now: number;
}

/** Runs every config check of one workload. */
export function checkConfig(input: ConfigCheckInput): {
  findings: Finding[];
  verdict: ConfigVerdict;
} {
  const ctx = contextOf(input);
  const running = checkRunningConfig(ctx);
  const env = checkEnv(ctx);
  const secrets = findInlineSecrets(ctx);
  const reports = checkReports(ctx);

  const discrepancies = [
    ...checkDeclaredConfig(ctx),
    ...running.flatMap((r) => r.discrepancies),
    ...running.filter((r) => r.unknown && r.discrepancies.length === 0).map(unverified),
    ...env.discrepancies,
    ...secrets.discrepancies,
    ...reports.discrepancies,
  ];
  const scope = {
    region: input.region,
    namespace: input.intent.namespace,
    workload: input.intent.name,
    intendedVersion: input.release.version,
    total: servingInstances(ctx).length,
  };
  return {
    findings: groupConfigFindings(scope, discrepancies),
    verdict: {
      configMismatchRatio: mismatchRatios(running, env.differing),
      envMismatch: env.mismatches,
      flagMismatch: reports.flags,
      inlineSecrets: secrets.secrets.map(({ container, variable }) => ({ container, variable })),
      probeFailures: reports.failed,
      intendedChecks: intendedChecks(input),
    },
  };
}

/** The checks whose absence of findings is worth a published 0 (metrics/findings.ts). */
function intendedChecks({ intent, release }: ConfigCheckInput): Check[] {
  return [
    ...(release.config !== undefined ? ['config' as const] : []),
    ...(release.env !== undefined ? ['env' as const] : []),
    ...(intent.probe !== undefined ? ['flag' as const] : []),
  ];
}

function contextOf(input: ConfigCheckInput): ConfigContext {
  const reports = new Map<string, InstanceReportView>();
  for (const report of input.state.reports ?? []) {
    if (report.namespace === input.intent.namespace) reports.set(report.pod, report);
  }
  const first = Object.keys(input.release.containers)[0] ?? '';
  return {
    intent: input.intent,
    release: input.release,
    ...(input.view !== undefined ? { view: input.view } : {}),
    instances: input.instances,
    objects: configObjectsOf(input.state, input.intent.namespace),
    reports,
    reportingContainer: input.intent.probe?.container ?? first,
    intendedSince: input.intendedSince,
    now: input.now,
  };
}

function unverified(result: InstanceConfig) {
  return {
    check: 'config' as const,
    class: 'unknown' as const,
    reason: 'ConfigReloadUnverified',
    instances: 1,
    subject: result.instance.container,
  };
}

/**
 * Per container: instances whose effective config (config objects, hash,
 * env) differs, over the instances that could be verified.
 */
function mismatchRatios(
  running: readonly InstanceConfig[],
  envDiffers: ReadonlySet<Instance>,
): Record<string, number> {
  const totals = new Map<string, { compared: number; mismatched: number }>();
  for (const { instance, discrepancies, unknown } of running) {
    const mismatched = discrepancies.length > 0 || envDiffers.has(instance);
    if (unknown && !mismatched) continue;
    const entry = totals.get(instance.container) ?? { compared: 0, mismatched: 0 };
    entry.compared += 1;
    if (mismatched) entry.mismatched += 1;
    totals.set(instance.container, entry);
  }
  return Object.fromEntries([...totals].map(([c, t]) => [c, t.mismatched / t.compared]));
}
