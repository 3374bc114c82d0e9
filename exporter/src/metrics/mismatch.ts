/** The families that say how far a workload is from its intent, and since when. */
import type { Registry } from 'prom-client';

import type { Check, Evaluation } from '../verify/evaluation.js';
import { registerGauge, toSeconds, type FamilyDefinition } from './family.js';
import { verifiedWorkloads, workloadLabels } from './verified.js';

/** Share of serving instances not on an intended digest. */
export const DIGEST_MISMATCH_RATIO: FamilyDefinition<
  'region' | 'namespace' | 'workload' | 'container'
> = {
  name: 'realitycheck_digest_mismatch_ratio',
  help: 'Share (0..1) of serving instances of a container not on an intended digest; absent when nothing serves or the region is blind.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container'],
};

/** When the current mismatch began. */
export const MISMATCH_SINCE: FamilyDefinition<'region' | 'namespace' | 'workload' | 'check'> = {
  name: 'realitycheck_mismatch_since_timestamp_seconds',
  help: 'When the current mismatch of a workload began, per check; absent while in sync.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'check'],
};

/** The families of this module, for the naming rules. */
export const MISMATCH_FAMILIES: readonly FamilyDefinition[] = [
  DIGEST_MISMATCH_RATIO,
  MISMATCH_SINCE,
];

/** Registers and fills the mismatch families for every verified workload. */
export function fillMismatch(registry: Registry, evaluation: Evaluation): void {
  const ratio = registerGauge(DIGEST_MISMATCH_RATIO, registry);
  const since = registerGauge(MISMATCH_SINCE, registry);

  for (const verdict of verifiedWorkloads(evaluation)) {
    const labels = workloadLabels(verdict);
    for (const [container, share] of Object.entries(verdict.digestMismatchRatio)) {
      ratio.set({ ...labels, container }, share);
    }
    for (const [check, at] of Object.entries(verdict.mismatchSince) as [Check, number][]) {
      since.set({ ...labels, check }, toSeconds(at));
    }
  }
}
