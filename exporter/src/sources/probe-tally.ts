/**
 * The health of the reported layer per probed workload: failures counted
 * since start, instances whose last probe failed, and one log line when a
 * workload's probes start failing and one when they all answer again.
 */
import type { Logger } from '../log/logger.js';
import type { ProbeStatus } from '../metrics/probes.js';
import type { InstanceReportView } from './config-views.js';
import type { ProbeTarget } from './probe-targets.js';

/** Keeps the running counts and decides when to log. */
export class ProbeTally {
  private readonly counts = new Map<string, ProbeStatus>();

  constructor(private readonly logger: Logger) {}

  /** Records one round: each target's report, undefined when it was never asked (stopping). */
  record(
    targets: readonly ProbeTarget[],
    results: readonly (InstanceReportView | undefined)[],
  ): void {
    const round = new Map<string, { status: ProbeStatus; firstError?: string }>();
    targets.forEach((target, i) => {
      const report = results[i];
      if (report === undefined) return;
      const key = `${target.region}/${target.namespace}/${target.workload}`;
      const entry = round.get(key) ?? { status: this.fresh(key, target) };
      entry.status.probed += 1;
      if (!report.ok) {
        entry.status.failing += 1;
        entry.status.failures += 1;
        entry.firstError ??= report.error;
      }
      round.set(key, entry);
    });

    for (const [key, previous] of this.counts) {
      // A workload no longer probed keeps its counter, with nothing failing now.
      if (!round.has(key)) this.counts.set(key, { ...previous, probed: 0, failing: 0 });
    }
    for (const [key, { status, firstError }] of round) {
      this.noteHealth(this.counts.get(key), status, firstError);
      this.counts.set(key, status);
    }
  }

  /** Every workload probed since start. */
  status(): ProbeStatus[] {
    return [...this.counts.values()].map((status) => ({ ...status }));
  }

  private fresh(key: string, target: ProbeTarget): ProbeStatus {
    const failures = this.counts.get(key)?.failures ?? 0;
    const { region, namespace, workload } = target;
    return { region, namespace, workload, probed: 0, failing: 0, failures };
  }

  private noteHealth(previous: ProbeStatus | undefined, now: ProbeStatus, err?: string): void {
    const fields = { region: now.region, namespace: now.namespace, workload: now.workload };
    const wasFailing = previous !== undefined && previous.failing > 0;
    if (now.failing > 0 && !wasFailing) {
      this.logger.warn(
        { ...fields, failing: now.failing, probed: now.probed, err },
        'instance probes failed; what those instances report is unknown',
      );
    } else if (now.failing === 0 && wasFailing) {
      this.logger.info(fields, 'instance probes answer again');
    }
  }
}
