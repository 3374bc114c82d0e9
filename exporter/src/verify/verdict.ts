/**
 * A workload's verdict for the metrics: instance counts by digest and
 * distance, the intended digests, mismatch ratios and since-times.
 */
import type { IntendedWorkload } from '../intent/model.js';
import type { WorkloadView } from '../sources/observations.js';
import type { Check, Finding, InstanceCount, WorkloadVerdict } from './evaluation.js';
import { releasesBehindLabel, type Instance } from './instances.js';

export interface VerdictInput {
  region: string;
  intent: IntendedWorkload;
  intendedIndex: number;
  view?: WorkloadView;
  instances: readonly Instance[];
  findings: readonly Finding[];
}

/** Builds the verdict of one workload from its placed instances and findings. */
export function summarizeInstances(input: VerdictInput): WorkloadVerdict {
  const release = input.intent.releases[input.intendedIndex]!;
  const intended = Object.entries(release.containers).map(([container, c]) => ({
    container,
    digest: c.reference.digest ?? '',
    version: release.version,
  }));

  return {
    region: input.region,
    namespace: input.intent.namespace,
    workload: input.intent.name,
    ...(input.view !== undefined ? { kind: input.view.kind } : {}),
    intendedVersion: release.version,
    intended,
    instances: countInstances(input.instances),
    digestMismatchRatio: mismatchRatios(input.instances),
    mismatchSince: mismatchSince(input.findings),
    unparsedImageIds: input.instances.filter(
      (i) => i.kind === 'unknown' && i.reason === 'UnparsableImageID',
    ).length,
  };
}

function countInstances(instances: readonly Instance[]): InstanceCount[] {
  const counts = new Map<string, InstanceCount>();
  for (const instance of instances) {
    const digest = 'digest' in instance ? instance.digest : '';
    const version = 'version' in instance ? instance.version : '';
    const releasesBehind = releasesBehindLabel(instance);
    const key = [instance.container, digest, version, releasesBehind].join('\u0000');
    const entry = counts.get(key);
    if (entry !== undefined) entry.count += 1;
    else
      counts.set(key, { container: instance.container, digest, version, releasesBehind, count: 1 });
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.container.localeCompare(b.container) ||
      a.releasesBehind.localeCompare(b.releasesBehind) ||
      a.digest.localeCompare(b.digest),
  );
}

/**
 * Share of instances, per container, not on an intended digest, counted
 * exactly as `realitycheck_instances` labels them so that the ratio can be
 * rebuilt from the counts: every instance but `pending` and `unknown` ones.
 * Non-serving instances of known releases are `pending`; an unexpected
 * digest counts whether it serves or not, since it should not run at all.
 */
function mismatchRatios(instances: readonly Instance[]): Record<string, number> {
  const totals = new Map<string, { compared: number; mismatched: number }>();
  for (const instance of instances) {
    if (instance.kind === 'unknown' || instance.kind === 'pending') continue;
    const entry = totals.get(instance.container) ?? { compared: 0, mismatched: 0 };
    entry.compared += 1;
    if (instance.kind === 'unexpected' || instance.behind !== 0) entry.mismatched += 1;
    totals.set(instance.container, entry);
  }
  return Object.fromEntries(
    [...totals].map(([container, t]) => [container, t.mismatched / t.compared]),
  );
}

/** The earliest since of the findings that are a mismatch, per check. */
function mismatchSince(findings: readonly Finding[]): Partial<Record<Check, number>> {
  const since: Partial<Record<Check, number>> = {};
  for (const finding of findings) {
    if (finding.class === 'unknown' || finding.since === undefined) continue;
    const current = since[finding.check];
    since[finding.check] = current === undefined ? finding.since : Math.min(current, finding.since);
  }
  return since;
}
