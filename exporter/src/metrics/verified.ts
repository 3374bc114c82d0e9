/**
 * Which workload verdicts may be published. Never green when blind: a
 * workload whose region is not healthy has no ratio and no counts, only the
 * region's own health series.
 */
import type { Evaluation, WorkloadVerdict } from '../verify/evaluation.js';

/**
 * The workload verdicts of regions whose health is `ok`. The engine already
 * drops the workloads of blind regions; filtering again here means a slip
 * there can never publish a stale region's ratio as if it were current.
 * A workload whose region has no verdict at all is treated as blind too.
 */
export function verifiedWorkloads(evaluation: Evaluation): WorkloadVerdict[] {
  const healthy = new Set(evaluation.regions.filter((r) => r.health === 'ok').map((r) => r.region));
  return evaluation.workloads.filter((w) => healthy.has(w.region));
}

/** The labels that name one workload in one region. */
export function workloadLabels(verdict: WorkloadVerdict): {
  region: string;
  namespace: string;
  workload: string;
} {
  return { region: verdict.region, namespace: verdict.namespace, workload: verdict.workload };
}
