/**
 * Field cases F08-F10 of shared/cases, and the classes of DESIGN.md that
 * depend on rollout state and time.
 */
import { describe, expect, it } from 'vitest';

import type { IntendedWorkload } from '../intent/model.js';
import type { ClusterState, PodView, WorkloadView } from '../sources/observations.js';
import { evaluate } from './evaluate.js';
import type { Evaluation } from './evaluation.js';
import {
  cluster,
  container,
  DA,
  DB,
  DC,
  deployment,
  history,
  intentOf,
  MINUTE,
  NOW,
  observed,
  pod,
  R,
  workload,
} from './testing/builders.js';

const onNew = () => pod([container(`${R}@${DA}`)]);
const onOld = (extra: Partial<PodView> = {}) => pod([container(`${R}@${DB}`)], extra);

function run(state: ClusterState, intended: IntendedWorkload = workload(history())): Evaluation {
  return evaluate({ intent: intentOf([intended]), regions: [observed(state)], now: NOW });
}

function classes(evaluation: Evaluation): string[] {
  return evaluation.findings.map((f) => `${f.class}/${f.reason}/${f.instances}`);
}

const rollingOut: Partial<WorkloadView> = {
  updatedReplicas: 1,
  availableReplicas: 3,
  conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }],
};

describe('F08: stuck is not slow', () => {
  it('reports ProgressDeadlineExceeded as drift, not converging, even within the grace', () => {
    const stuck = deployment(`${R}@${DA}`, {
      updatedReplicas: 1,
      availableReplicas: 3,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    const result = run(
      cluster([stuck], [onNew(), onOld(), onOld(), onOld()]),
      workload(history(5 * MINUTE)),
    );
    expect(classes(result)).toEqual(['drift/ProgressDeadlineExceeded/3']);
    expect(result.findings[0]!.message).toContain('rollout stuck');
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({ app: 0.75 });
  });

  it('reports a progressing rollout past the grace as converging', () => {
    const state = cluster([deployment(`${R}@${DA}`, rollingOut)], [onNew(), onOld()]);
    expect(classes(run(state))).toEqual(['converging/RolloutProgressing/1']);
  });

  it('reports a mismatch as converging while the controller has not observed the spec', () => {
    const unobserved = deployment(`${R}@${DA}`, {
      ...rollingOut,
      generation: 4,
      observedGeneration: 3,
    });
    expect(classes(run(cluster([unobserved], [onNew(), onOld()])))).toEqual([
      'converging/StatusNotObserved/1',
    ]);
  });

  it('reports a paused rollout past the grace as drift', () => {
    const paused = deployment(`${R}@${DA}`, { ...rollingOut, paused: true });
    expect(classes(run(cluster([paused], [onNew(), onOld()])))).toEqual(['drift/RolloutPaused/1']);
  });

  it('reports a young mismatch as converging and the same one as drift after the grace', () => {
    const stalled = deployment(`${R}@${DA}`, { ...rollingOut, conditions: [] });
    const state = cluster([stalled], [onNew(), onOld()]);
    expect(classes(run(state, workload(history(10 * MINUTE))))).toEqual([
      'converging/RolloutInProgress/1',
    ]);
    expect(classes(run(state, workload(history(20 * MINUTE))))).toEqual([
      'drift/RolloutIncomplete/1',
    ]);
  });

  it('measures the mismatch from a pod started after the release, not from the release', () => {
    const rolledBack = onOld({ startTime: NOW - 3 * MINUTE });
    const stalled = deployment(`${R}@${DA}`, { ...rollingOut, conditions: [] });
    const result = run(cluster([stalled], [onNew(), rolledBack]));
    expect(classes(result)).toEqual(['converging/RolloutInProgress/1']);
    expect(result.workloads[0]!.mismatchSince.digest).toBe(NOW - 3 * MINUTE);
  });
});

const statefulSet = (extra: Partial<WorkloadView>): WorkloadView => ({
  ...deployment(`${R}@${DA}`),
  kind: 'StatefulSet',
  name: 'api',
  conditions: [],
  updatedReplicas: 2,
  currentRevision: 'api-5d8f',
  updateRevision: 'api-7c9d',
  ...extra,
});

function statefulPods(images: string[]): PodView[] {
  return images.map((digest, ordinal) =>
    pod([container(`${R}@${digest}`)], {
      name: `api-${ordinal}`,
      owner: { kind: 'StatefulSet', name: 'api' },
    }),
  );
}

describe('F09: StatefulSet partition', () => {
  it('holds ordinals below the partition without drift; an old pod above it drifts after the grace', () => {
    const set = statefulSet({ partition: 2 });
    const pods = statefulPods([DB, DB, DA, DB]);
    expect(classes(run(cluster([set], pods)))).toEqual([
      'drift/RolloutIncomplete/1',
      'converging/Partitioned/2',
    ]);
  });

  it('reports the old pod above the partition as converging within the grace', () => {
    const set = statefulSet({ partition: 2 });
    const result = run(
      cluster([set], statefulPods([DB, DB, DA, DB])),
      workload(history(5 * MINUTE)),
    );
    expect(classes(result)).toEqual(['converging/Partitioned/2', 'converging/RolloutInProgress/1']);
  });
});

describe('F10: OnDelete', () => {
  it('reports old DaemonSet pods as drift waiting for manual delete, never converging', () => {
    const set: WorkloadView = {
      ...deployment(`${R}@${DA}`),
      kind: 'DaemonSet',
      strategy: 'OnDelete',
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 3,
      conditions: [],
    };
    const pods = [DA, DB, DB].map((d) =>
      pod([container(`${R}@${d}`)], { owner: { kind: 'DaemonSet', name: 'api' } }),
    );
    const result = run(cluster([set], pods), workload(history(1 * MINUTE)));
    expect(classes(result)).toEqual(['drift/OnDelete/2']);
    expect(result.findings[0]!.message).toContain('waiting for manual delete');
  });
});

describe('stale and unexpected', () => {
  it('reports instances two releases behind as stale whatever the grace', () => {
    const state = cluster(
      [deployment(`${R}@${DA}`, rollingOut)],
      [onNew(), pod([container(`${R}@${DC}`)])],
    );
    const result = run(state, workload(history(1 * MINUTE)));
    expect(classes(result)).toEqual(['stale/ReleasesBehind/1']);
    expect(result.workloads[0]!.instances.map((i) => i.releasesBehind)).toEqual(['0', '2']);
  });

  it('honours a per-workload staleAfterReleases', () => {
    const state = cluster([deployment(`${R}@${DA}`, rollingOut)], [pod([container(`${R}@${DB}`)])]);
    const result = run(state, workload(history(1 * MINUTE), { staleAfterReleases: 1 }));
    expect(classes(result)).toEqual(['stale/ReleasesBehind/1']);
  });

  it('reports a digest of no release as unexpected immediately', () => {
    const rogue = pod([container(`${R}@sha256:${'f'.repeat(64)}`)], { startTime: NOW - 1000 });
    const result = run(
      cluster([deployment(`${R}@${DA}`)], [onNew(), rogue]),
      workload(history(1000)),
    );
    expect(classes(result)).toEqual(['unexpected/UnknownDigest/1']);
    expect(result.findings[0]!.severity).toBe('action');
  });
});

describe('the declared layer', () => {
  it('reports a template that declares an older release, folding its pods into one finding', () => {
    const state = cluster([deployment(`${R}@${DB}`)], [onOld(), onOld()]);
    const result = run(state);
    expect(classes(result)).toEqual(['drift/DeclaredDiffersFromIntended/2']);
  });

  it('reports a tag-only template of another release tag as declared drift', () => {
    const state = cluster([deployment(`${R}:1.14.2`)], [onNew()]);
    const intended = workload([
      history()[0]!,
      {
        ...history()[1]!,
        containers: {
          app: {
            ...history()[1]!.containers.app!,
            reference: {
              registry: 'reg.example.test',
              repository: 'shop/api',
              tag: '1.14.2',
              digest: DB,
            },
          },
        },
      },
    ]);
    expect(classes(run(state, intended))).toEqual(['drift/DeclaredDiffersFromIntended/0']);
  });

  it('accepts a tag-only template naming the intended tag; the digest is checked on the pods', () => {
    const state = cluster([deployment(`${R}:1.15.0`)], [onNew()]);
    expect(classes(run(state))).toEqual([]);
  });

  it('names the containers when the intent and the template call them differently', () => {
    const template = deployment(`${R}@${DA}`, { images: { main: `${R}@${DA}` } });
    const result = run(cluster([template], [onNew()]), workload(history()));
    expect(classes(result)).toEqual(['drift/ContainerNotDeclared/0']);
    expect(result.findings[0]!.message).toBe(
      'the workload template does not declare every container of 1.15.0: the template has no container app; it has: main',
    );
  });

  it('reports a template image of no release as unexpected', () => {
    const state = cluster([deployment(`${R}@sha256:${'f'.repeat(64)}`)], [onNew()]);
    expect(classes(run(state))).toEqual(['unexpected/DeclaredUnknownImage/0']);
  });

  it('reports a workload missing from the region as converging, then drift', () => {
    const empty = cluster([], []);
    expect(classes(run(empty, workload(history(5 * MINUTE))))).toEqual([
      'converging/WorkloadNotFound/0',
    ]);
    expect(classes(run(empty))).toEqual(['drift/WorkloadNotFound/0']);
  });
});

describe('regions', () => {
  it('compares a region with its own intended release and reports a newer one as -1', () => {
    const edge = workload(history(), { regions: { 'eu-west': { release: '1.14.2' } } });
    const state = cluster([deployment(`${R}@${DB}`)], [onOld(), pod([container(`${R}@${DA}`)])]);
    const result = run(state, edge);
    expect(result.workloads[0]!.intendedVersion).toBe('1.14.2');
    expect(result.workloads[0]!.instances.map((i) => `${i.releasesBehind}:${i.version}`)).toEqual([
      '-1:1.15.0',
      '0:1.14.2',
    ]);
  });

  it('skips a region the intent says to skip', () => {
    const skipped = workload(history(), { regions: { 'eu-west': { skip: true } } });
    const result = run(cluster([], []), skipped);
    expect(result.workloads).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it.each([
    ['down', { up: false, error: 'snapshot.json: truncated' }, 'SourceDown'],
    ['stale', { lastSync: NOW - 11 * MINUTE }, 'SourceStale'],
    ['never synced', { state: undefined, lastSync: undefined }, 'SourceNeverSynced'],
  ])('reports every workload of a %s region as unknown, never in sync', (_t, change, reason) => {
    const region = { ...observed(cluster([deployment(`${R}@${DA}`)], [onNew()])), ...change };
    const result = evaluate({
      intent: intentOf([workload(history())]),
      regions: [region],
      now: NOW,
    });
    expect(result.workloads).toEqual([]);
    expect(result.findings.map((f) => `${f.check}/${f.class}/${f.reason}`)).toEqual([
      `source/unknown/${reason}`,
    ]);
    expect(result.summary.unknown).toBe(1);
  });
});

describe('one problem, one finding', () => {
  it('reports a template on an old release whose pods are stale as one stale finding naming it', () => {
    const template = deployment(`${R}@${DC}`);
    const result = run(cluster([template], [pod([container(`${R}@${DC}`)])]));
    expect(classes(result)).toEqual(['stale/ReleasesBehind/1']);
    expect(result.findings[0]!.message).toContain('the template declares 1.13.0');
  });
});

describe('layers the source did not observe', () => {
  it('reports a workload with ready replicas but none of its pods as unknown, never in sync', () => {
    const result = run(cluster([deployment(`${R}@${DA}`)], []));
    expect(classes(result)).toEqual(['unknown/PodsNotObserved/0']);
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({});
  });

  it('reports workloads as unknown when the source holds pods but no workload at all', () => {
    const result = run(cluster([], [onNew(), onOld()]));
    expect(classes(result)).toEqual(['unknown/WorkloadsNotObserved/0']);
  });

  it('still says in sync for a workload scaled to zero', () => {
    const scaled = deployment(`${R}@${DA}`, {
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
    });
    expect(classes(run(cluster([scaled], [])))).toEqual([]);
  });
});
