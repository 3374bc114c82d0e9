/**
 * What the config, env, secret and flag checks of one workload in one
 * region read, and the discrepancy they produce before grouping.
 */
import type { IntendedRelease, IntendedWorkload } from '../../intent/model.js';
import type { InstanceReportView } from '../../sources/config-views.js';
import type { WorkloadView } from '../../sources/observations.js';
import type { Check, FindingClass } from '../evaluation.js';
import type { Instance } from '../instances.js';
import type { ConfigObjects } from './consumers.js';

/** Everything the checks know about one workload in one region. */
export interface ConfigContext {
  intent: IntendedWorkload;
  release: IntendedRelease;
  view?: WorkloadView;
  /** The placed instances of the digest check; only serving ones are compared. */
  instances: readonly Instance[];
  objects: ConfigObjects;
  /** The latest report of each pod, by pod name. */
  reports: ReadonlyMap<string, InstanceReportView>;
  /** The container a pod's report speaks for: the probe's, else the release's first. */
  reportingContainer: string;
  intendedSince: number;
  now: number;
}

/** One config discrepancy, before grouping into findings. */
export interface ConfigDiscrepancy {
  check: Check;
  class: FindingClass;
  /** A stable machine word: StartedBeforeConfigChange, InlineCredential, ... */
  reason: string;
  /** What it is about, for the message: a variable, a flag, `ConfigMap/api-cfg`. Never a value. */
  subject?: string;
  /** 1 for an instance, 0 for the workload itself. */
  instances: number;
  since?: number;
}

/** Converging within the rollout grace after `since`, drift after it. */
export function classByGrace(ctx: ConfigContext, since: number): FindingClass {
  return ctx.now - since < ctx.intent.rolloutGraceMs ? 'converging' : 'drift';
}

/** The serving instances: only they run a configuration worth comparing. */
export function servingInstances(ctx: ConfigContext): Instance[] {
  return ctx.instances.filter((instance) => instance.serving);
}
