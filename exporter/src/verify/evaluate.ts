/**
 * One verification pass: a pure function of the intent, what each region's
 * source observed, and the time. No I/O, no logging, no globals.
 */
import type { Intent, IntendedWorkload } from '../intent/model.js';
import type {
  ClusterState,
  PodView,
  RegionObservation,
  WorkloadView,
} from '../sources/observations.js';
import { compareDeclared } from './declared.js';
import { checkDigests } from './digest-check.js';
import { checkConfig } from './config/check.js';
import type { Evaluation, Finding, RegionVerdict, Summary, WorkloadVerdict } from './evaluation.js';
import { FINDING_CLASSES } from './evaluation.js';
import { groupFindings } from './findings.js';
import { placeInstances } from './instances.js';
import { podsByWorkload, workloadKeyString } from './owners.js';
import { splitByVisibility } from './partial-visibility.js';
import { blindFinding, regionVerdict } from './region-health.js';
import { intendedReleaseIndex, intendedSince } from './releases.js';
import { rolloutState } from './rollout.js';
import type { ObservedRegionTraffic } from './traffic/observed.js';
import { verifyWorkloadTraffic } from './traffic/workload.js';
import { summarizeInstances } from './verdict.js';

/** Everything one pass reads. */
export interface EvaluateInput {
  intent: Intent;
  regions: readonly RegionObservation[];
  /** Epoch milliseconds; classes that depend on time are decided against it. */
  now: number;
  /** Each backend's share of requests, by region, from the regions that have an observed layer. */
  observedTraffic?: Readonly<Record<string, ObservedRegionTraffic>>;
}

/** Verifies every intended workload in every region. */
export function evaluate(input: EvaluateInput): Evaluation {
  const regions: RegionVerdict[] = [];
  const workloads: WorkloadVerdict[] = [];
  const findings: Finding[] = [];

  for (const observation of input.regions) {
    const verdict = regionVerdict(observation, input.now);
    regions.push(verdict);
    const intended = input.intent.workloads.filter(
      (w) => intendedReleaseIndex(w, verdict.region) !== undefined,
    );
    if (verdict.health !== 'ok' || observation.state === undefined) {
      for (const w of intended)
        findings.push(blindFinding(verdict, w.namespace, w.name, input.now));
      continue;
    }
    const seen = splitByVisibility(verdict.region, intended, observation.unreadableKinds);
    findings.push(...seen.findings);
    const region = verifyRegion(input, verdict.region, observation.state, seen.visible);
    workloads.push(...region.workloads);
    findings.push(...region.findings);
  }

  findings.sort(byUrgency);
  return { at: input.now, regions, workloads, findings, summary: summarize(findings) };
}

function verifyRegion(
  input: EvaluateInput,
  region: string,
  state: ClusterState,
  intended: readonly IntendedWorkload[],
): { workloads: WorkloadVerdict[]; findings: Finding[] } {
  const pods = podsByWorkload(state);
  const workloads: WorkloadVerdict[] = [];
  const findings: Finding[] = [];
  for (const intent of intended) {
    const result = verifyWorkload(input, region, state, pods, intent);
    workloads.push(result.verdict);
    findings.push(...result.findings);
  }
  return { workloads, findings };
}

function verifyWorkload(
  input: EvaluateInput,
  region: string,
  state: ClusterState,
  pods: ReadonlyMap<string, readonly PodView[]>,
  intent: IntendedWorkload,
): { verdict: WorkloadVerdict; findings: Finding[] } {
  const intendedIndex = intendedReleaseIndex(intent, region) ?? 0;
  const release = intent.releases[intendedIndex]!;
  const view = findWorkload(state, intent);
  const podsOfWorkload = view === undefined ? [] : (pods.get(workloadKeyString(view)) ?? []);
  const instances = placeInstances(intent, intendedIndex, podsOfWorkload);

  const since = intendedSince(intent, release, input.intent.loadedAt);
  const discrepancies = checkDigests({
    intent,
    intendedIndex,
    view,
    rollout: view === undefined ? undefined : rolloutState(view, state),
    declared: view === undefined ? [] : compareDeclared(intent, intendedIndex, view),
    instances,
    holds: { workloads: state.workloads.length > 0, pods: state.pods.length > 0 },
    intendedSince: since,
    now: input.now,
  });
  const findings = groupFindings(
    {
      region,
      namespace: intent.namespace,
      workload: intent.name,
      check: 'digest',
      intendedVersion: release.version,
      total: instances.length,
      graceMs: intent.rolloutGraceMs,
      staleAfterReleases: intent.staleAfterReleases,
    },
    discrepancies,
  );

  const traffic = verifyWorkloadTraffic(input, { region, intent, state, view, since });
  if (traffic !== undefined) findings.push(...traffic.findings);

  const configSince = intendedSince(intent, release, input.intent.loadedAt);
  const config = checkConfig({
    region,
    intent,
    release,
    view,
    state,
    instances,
    now: input.now,
    intendedSince: configSince,
  });
  findings.push(...config.findings);

  const verdict = {
    ...summarizeInstances({ region, intent, intendedIndex, view, instances, findings }),
    config: config.verdict,
  };
  return { verdict: traffic ? { ...verdict, traffic: traffic.verdict } : verdict, findings };
}

/** The intended workload's declared object; by kind when the intent names one. */
function findWorkload(state: ClusterState, intent: IntendedWorkload): WorkloadView | undefined {
  const candidates = state.workloads.filter(
    (w) =>
      w.namespace === intent.namespace &&
      w.name === intent.name &&
      (intent.kind === undefined || w.kind === intent.kind),
  );
  // Without a kind in the intent, prefer the kinds that are most often
  // meant; the intent can always say which.
  const preference = ['Deployment', 'Rollout', 'StatefulSet', 'DaemonSet'];
  candidates.sort((a, b) => preference.indexOf(a.kind) - preference.indexOf(b.kind));
  return candidates[0];
}

function byUrgency(a: Finding, b: Finding): number {
  return (
    FINDING_CLASSES.indexOf(a.class) - FINDING_CLASSES.indexOf(b.class) ||
    a.region.localeCompare(b.region) ||
    a.namespace.localeCompare(b.namespace) ||
    a.workload.localeCompare(b.workload) ||
    a.reason.localeCompare(b.reason)
  );
}

function summarize(findings: readonly Finding[]): Summary {
  const summary = Object.fromEntries(FINDING_CLASSES.map((c) => [c, 0])) as Summary;
  for (const finding of findings) summary[finding.class] += 1;
  return summary;
}
