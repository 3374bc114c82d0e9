import { describe, expect, it } from 'vitest';

import { projectWorkload, workloadKindOf } from './project-workload.js';
import {
  daemonSet,
  deployment,
  deploymentConditions,
  istioInit,
  istioProxy,
  rollout,
  statefulSet,
} from './testing/index.js';

const R = 'reg.example.test/shop/api';

describe('workloadKindOf', () => {
  it.each([
    ['Deployment', 'apps/v1', 'Deployment'],
    ['Deployment', 'extensions/v1beta1', 'Deployment'],
    ['StatefulSet', 'apps/v1', 'StatefulSet'],
    ['DaemonSet', 'apps/v1', 'DaemonSet'],
    ['Rollout', 'argoproj.io/v1alpha1', 'Rollout'],
    ['Rollout', 'example.com/v1', undefined],
    ['Deployment', undefined, 'Deployment'],
    ['ReplicaSet', 'apps/v1', undefined],
    ['toString', 'apps/v1', undefined],
    [undefined, 'apps/v1', undefined],
  ])('reads kind %s of %s as %s', (kind, apiVersion, expected) => {
    expect(workloadKindOf(kind, apiVersion)).toBe(expected);
  });
});

describe('projectWorkload', () => {
  it('projects a finished Deployment', () => {
    const view = projectWorkload(
      'Deployment',
      deployment({ name: 'api', image: `${R}:1.4`, replicas: 4 }),
    );

    expect(view).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'api',
      createdAt: Date.parse('2026-11-30T12:00:00Z'),
      generation: 1,
      observedGeneration: 1,
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      strategy: 'RollingUpdate',
      paused: false,
      images: { app: `${R}:1.4` },
    });
    expect(view.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it('projects a stuck Deployment whose status lags its spec', () => {
    const view = projectWorkload(
      'Deployment',
      deployment({
        name: 'api',
        image: R,
        replicas: 4,
        updatedReplicas: 1,
        generation: 3,
        observedGeneration: 2,
        conditions: deploymentConditions.stuck(),
        paused: true,
        strategy: 'Recreate',
      }),
    );
    expect(view).toMatchObject({ generation: 3, observedGeneration: 2, updatedReplicas: 1 });
    expect(view).toMatchObject({ paused: true, strategy: 'Recreate' });
    expect(view.conditions[1]).toMatchObject({
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      lastUpdateTime: Date.parse('2026-11-30T12:00:00Z'),
    });
  });

  it('lists native sidecars but not ordinary init containers among template images', () => {
    const view = projectWorkload(
      'Deployment',
      deployment({
        name: 'api',
        containers: [{ name: 'app', image: R }],
        initContainers: [istioInit(), istioProxy({ native: true })],
      }),
    );
    expect(view.images).toEqual({ app: R, 'istio-proxy': 'docker.io/istio/proxyv2:1.24.2' });
  });

  it('projects a partitioned StatefulSet with its revisions', () => {
    const view = projectWorkload(
      'StatefulSet',
      statefulSet({
        name: 'db',
        image: R,
        replicas: 4,
        updatedReplicas: 1,
        partition: 2,
        currentRevision: 'db-old',
        updateRevision: 'db-new',
      }),
    );
    expect(view).toMatchObject({ replicas: 4, updatedReplicas: 1, partition: 2 });
    expect(view).toMatchObject({
      currentRevision: 'db-old',
      updateRevision: 'db-new',
      paused: false,
    });
  });

  it('projects a DaemonSet’s node counts as replicas', () => {
    const view = projectWorkload(
      'DaemonSet',
      daemonSet({
        name: 'agent',
        image: R,
        desired: 3,
        updated: 1,
        ready: 2,
        updateStrategy: 'OnDelete',
      }),
    );
    expect(view).toMatchObject({
      replicas: 3,
      updatedReplicas: 1,
      readyReplicas: 2,
      availableReplicas: 2,
      strategy: 'OnDelete',
    });
    expect(view.partition).toBeUndefined();
  });

  it.each([
    ['Deployment', {}, 'RollingUpdate'],
    ['Deployment', { strategy: { type: 'Recreate' } }, 'Recreate'],
    ['StatefulSet', {}, 'RollingUpdate'],
    ['StatefulSet', { updateStrategy: { type: 'OnDelete' } }, 'OnDelete'],
    ['DaemonSet', { updateStrategy: {} }, 'RollingUpdate'],
    ['DaemonSet', { updateStrategy: { type: 'Sideways' } }, 'RollingUpdate'],
  ] as const)('reads the %s strategy of %o as %s', (kind, spec, strategy) => {
    expect(projectWorkload(kind, { metadata: { name: 'w' }, spec }).strategy).toBe(strategy);
  });

  it('projects an Argo Rollout, reading its observedGeneration from a string', () => {
    const view = projectWorkload(
      'Rollout',
      rollout({ name: 'web', image: R, replicas: 5, updatedReplicas: 1, generation: 4 }),
    );
    expect(view).toMatchObject({
      kind: 'Rollout',
      strategy: 'RollingUpdate',
      generation: 4,
      observedGeneration: 4,
      replicas: 5,
      updatedReplicas: 1,
      paused: false,
      images: { app: R },
    });
  });

  it.each([
    ['spec.paused', { paused: true }],
    ['a canary pause step', { pauseReasons: ['CanaryPauseStep'] }],
  ])('projects a Rollout paused by %s as paused', (_title, options) => {
    expect(projectWorkload('Rollout', rollout({ name: 'web', image: R, ...options })).paused).toBe(
      true,
    );
  });

  it('reads an old Rollout’s template-hash observedGeneration as 0', () => {
    const view = projectWorkload('Rollout', {
      metadata: { name: 'web', generation: 2 },
      status: { observedGeneration: '6d4f8c7b9' },
    });
    expect(view.observedGeneration).toBe(0);
  });

  it('projects a workload with nothing but a name, with zero counts and defaults', () => {
    expect(projectWorkload('Deployment', { metadata: { name: 'bare' } })).toEqual({
      kind: 'Deployment',
      namespace: '',
      name: 'bare',
      generation: 0,
      observedGeneration: 0,
      // The API server defaults spec.replicas to 1.
      replicas: 1,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      strategy: 'RollingUpdate',
      paused: false,
      images: {},
      conditions: [],
    });
  });

  it('reads a condition status it does not know as Unknown, and Date times from client-node', () => {
    const view = projectWorkload('Deployment', {
      metadata: { name: 'api', creationTimestamp: new Date('2026-11-30T10:00:00Z') },
      status: {
        conditions: [
          {
            type: 'Progressing',
            status: 'Maybe',
            lastTransitionTime: new Date('2026-11-30T11:00:00Z'),
          },
        ],
      },
    });
    expect(view.createdAt).toBe(Date.parse('2026-11-30T10:00:00Z'));
    expect(view.conditions).toEqual([
      {
        type: 'Progressing',
        status: 'Unknown',
        lastTransitionTime: Date.parse('2026-11-30T11:00:00Z'),
      },
    ]);
  });

  it('holds no env value of the template in the view', () => {
    const canary = 'canary-0b7e-template-env';
    const object = deployment({
      name: 'api',
      containers: [{ name: 'app', image: R, env: [{ name: 'API_TOKEN', value: canary }] }],
    });
    expect(JSON.stringify(projectWorkload('Deployment', object))).not.toContain(canary);
  });
});
