/**
 * The digest check of one workload in one region: intended vs declared vs
 * running, each discrepancy given a class and a reason.
 */
import type { IntendedWorkload } from '../intent/model.js';
import type { PodView, WorkloadView } from '../sources/observations.js';
import type { FindingClass } from './evaluation.js';
import { declaredMatches, type DeclaredContainer } from './declared.js';
import type { Instance } from './instances.js';
import type { RolloutState } from './rollout.js';

/** What the check knows about one workload in one region. */
export interface DigestContext {
  intent: IntendedWorkload;
  intendedIndex: number;
  /** The declared workload, or undefined when the region has none. */
  view?: WorkloadView;
  rollout?: RolloutState;
  declared: DeclaredContainer[];
  instances: Instance[];
  /** What the source holds at all: an empty kind means the source did not see it. */
  holds: { workloads: boolean; pods: boolean };
  /** When the intended release became intended. */
  intendedSince: number;
  now: number;
}

/** A discrepancy before it is grouped into findings. */
export interface Discrepancy {
  class: FindingClass;
  reason: string;
  since?: number;
  /** 1 for an instance, 0 for the workload itself. */
  instances: number;
  /** Versions the instances run, for the message. */
  version?: string;
  /** A fact for the message that the reason alone does not carry. */
  detail?: string;
  behind?: number;
}

/** Every discrepancy of the digest check, instance by instance. */
export function checkDigests(ctx: DigestContext): Discrepancy[] {
  if (ctx.view === undefined) {
    // Pods but not one workload of any kind: the dump left the workloads
    // out (`kubectl get pods`), which says nothing about this one.
    if (!ctx.holds.workloads && ctx.holds.pods) {
      return [{ class: 'unknown', reason: 'WorkloadsNotObserved', instances: 0 }];
    }
    return [byGrace(ctx, 'WorkloadNotFound', ctx.intendedSince, 0)];
  }
  const found: Discrepancy[] = [];
  const declared = declaredDiscrepancy(ctx);
  if (declared !== undefined) found.push(declared);
  // Ready replicas in the status but none of their pods in the source: the
  // running layer was not observed (a dump without pods), never in sync.
  if (ctx.instances.length === 0 && ctx.view.readyReplicas > 0) {
    return [...found, { class: 'unknown', reason: 'PodsNotObserved', instances: 0 }];
  }

  for (const instance of ctx.instances) {
    const discrepancy = checkInstance(ctx, instance);
    if (discrepancy !== undefined) found.push(discrepancy);
  }

  const nothingServes = ctx.instances.length > 0 && !ctx.instances.some((i) => i.serving);
  if (nothingServes) found.push(noServingInstances(ctx));
  return foldDeclaredIntoStale(ctx, found);
}

/**
 * A template that still declares an old release, whose pods are all stale
 * on it, is one problem, not two: the stale finding says what the template
 * declares, and no separate declared finding repeats it.
 */
function foldDeclaredIntoStale(ctx: DigestContext, found: Discrepancy[]): Discrepancy[] {
  const declared = found.find(
    (d) => d.instances === 0 && d.reason === 'DeclaredDiffersFromIntended',
  );
  const stale = found.filter((d) => d.class === 'stale');
  const others = found.filter((d) => d !== declared && d.class !== 'stale');
  if (declared === undefined || stale.length === 0 || others.some((d) => d.class !== 'unknown')) {
    return found;
  }
  const versions = ctx.declared.flatMap((d) => (d.status === 'other-release' ? [d.version] : []));
  const detail = `the template declares ${[...new Set(versions)].join(', ') || 'another release'}`;
  return [...others, ...stale.map((d) => ({ ...d, detail }))];
}

function checkInstance(ctx: DigestContext, instance: Instance): Discrepancy | undefined {
  switch (instance.kind) {
    case 'pending':
      return undefined;
    case 'unknown':
      return { class: 'unknown', reason: instance.reason, instances: 1 };
    case 'unexpected':
      return {
        class: 'unexpected',
        reason: 'UnknownDigest',
        since: instance.pod.startTime,
        instances: 1,
      };
    case 'release':
      if (instance.behind === 0) return undefined;
      if (instance.behind >= ctx.intent.staleAfterReleases) {
        const since = mismatchStart(ctx, instance.pod);
        return { ...described(instance), class: 'stale', reason: 'ReleasesBehind', since };
      }
      return { ...described(instance), ...checkMismatch(ctx, instance.pod) };
  }
}

function described(
  instance: Instance & { kind: 'release' },
): Pick<Discrepancy, 'instances' | 'version' | 'behind'> {
  return { instances: 1, version: instance.version, behind: instance.behind };
}

/** An instance on another known release, not yet stale: converging or drift. */
function checkMismatch(ctx: DigestContext, pod: PodView): Discrepancy {
  if (!declaredMatches(ctx.declared)) {
    return byGrace(ctx, 'DeclaredDiffersFromIntended', declaredSince(ctx), 1);
  }
  const since = mismatchStart(ctx, pod);
  const phase = ctx.rollout?.phase;

  if (pod.deletionTimestamp !== undefined) {
    // deletionTimestamp is when the kubelet will kill the pod: until then
    // the pod is draining within its termination grace period.
    const draining = ctx.now < pod.deletionTimestamp;
    return draining
      ? { class: 'converging', reason: 'Draining', since, instances: 1 }
      : { class: 'drift', reason: 'TerminationOverdue', since, instances: 1 };
  }
  if (phase === 'stuck')
    return { class: 'drift', reason: 'ProgressDeadlineExceeded', since, instances: 1 };
  if (phase === 'on-delete') return { class: 'drift', reason: 'OnDelete', since, instances: 1 };
  if (isHeldByPartition(ctx.view, pod)) {
    return { class: 'converging', reason: 'Partitioned', since, instances: 1 };
  }
  if (phase === 'unobserved') {
    return { class: 'converging', reason: 'StatusNotObserved', since, instances: 1 };
  }
  if (withinGrace(ctx, since)) {
    return { class: 'converging', reason: 'RolloutInProgress', since, instances: 1 };
  }
  if (phase === 'progressing') {
    return { class: 'converging', reason: 'RolloutProgressing', since, instances: 1 };
  }
  const reason = phase === 'paused' ? 'RolloutPaused' : 'RolloutIncomplete';
  return { class: 'drift', reason, since, instances: 1 };
}

function declaredDiscrepancy(ctx: DigestContext): Discrepancy | undefined {
  if (declaredMatches(ctx.declared)) return undefined;
  const missing = ctx.declared.filter((d) => d.status === 'missing').map((d) => d.container);
  if (missing.length > 0) {
    // Most often a container named differently in the intent than in the
    // template: say which names each side has, not only that they differ.
    const has =
      Object.keys(ctx.view?.images ?? {})
        .sort()
        .join(', ') || 'none';
    const detail = `the template has no container ${missing.join(', ')}; it has: ${has}`;
    return { ...byGrace(ctx, 'ContainerNotDeclared', declaredSince(ctx), 0), detail };
  }
  if (ctx.declared.some((d) => d.status === 'unexpected')) {
    return {
      class: 'unexpected',
      reason: 'DeclaredUnknownImage',
      since: declaredSince(ctx),
      instances: 0,
    };
  }
  return byGrace(ctx, 'DeclaredDiffersFromIntended', declaredSince(ctx), 0);
}

function noServingInstances(ctx: DigestContext): Discrepancy {
  const waiting = ctx.instances.length;
  const since = declaredSince(ctx);
  if (ctx.rollout?.phase === 'stuck') {
    return { class: 'drift', reason: 'ProgressDeadlineExceeded', since, instances: waiting };
  }
  return byGrace(ctx, 'NoServingInstances', since, waiting);
}

/** A pod runs a wrong release since the intent changed, or since it started, if later. */
function mismatchStart(ctx: DigestContext, pod: PodView): number {
  return Math.max(ctx.intendedSince, pod.startTime ?? ctx.intendedSince);
}

/** The template differs since the intent changed, or since it was last rolled out, if later. */
function declaredSince(ctx: DigestContext): number {
  return Math.max(ctx.intendedSince, ctx.rollout?.startedAt ?? ctx.intendedSince);
}

function withinGrace(ctx: DigestContext, since: number): boolean {
  return ctx.now - since < ctx.intent.rolloutGraceMs;
}

function byGrace(
  ctx: DigestContext,
  reason: string,
  since: number,
  instances: number,
): Discrepancy {
  const cls: FindingClass = withinGrace(ctx, since) ? 'converging' : 'drift';
  return { class: cls, reason, since, instances };
}

/**
 * A StatefulSet rolling update with a partition updates only ordinals at or
 * above it; pods below keep the current revision on purpose (a staged
 * rollout), so they are watched, not drift.
 */
function isHeldByPartition(view: WorkloadView | undefined, pod: PodView): boolean {
  if (view?.kind !== 'StatefulSet' || view.strategy !== 'RollingUpdate') return false;
  const partition = view.partition ?? 0;
  const ordinal = statefulSetOrdinal(view.name, pod.name);
  return ordinal !== undefined && ordinal < partition;
}

/** The ordinal of a StatefulSet pod: `<set>-<ordinal>`. */
export function statefulSetOrdinal(setName: string, podName: string): number | undefined {
  const prefix = `${setName}-`;
  if (!podName.startsWith(prefix)) return undefined;
  const rest = podName.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}
