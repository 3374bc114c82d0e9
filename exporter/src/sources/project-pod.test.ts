import { describe, expect, it } from 'vitest';

import { projectPod } from './project-pod.js';
import { digest, imageIds, istioInit, istioProxy, jobPod, pod } from './testing/index.js';

const R = 'reg.example.test/shop/api';
const DA = digest('api 1.4');

/** A client-node model has no kind/apiVersion and Date timestamps; simulate one. */
function asClientNodeModel(object: Record<string, unknown>): Record<string, unknown> {
  const toDates = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((item) => toDates(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDates(v, k)]));
    }
    const isTime = /Timestamp$|Time$|At$/.test(key);
    return isTime && typeof value === 'string' ? new Date(value) : value;
  };
  const model = toDates(object) as Record<string, unknown>;
  delete model.kind;
  delete model.apiVersion;
  return model;
}

describe('projectPod', () => {
  it('projects a running pod of a ReplicaSet', () => {
    const view = projectPod(
      pod({
        name: 'api-7d9f-abcde',
        templateHash: '7d9f',
        owner: { kind: 'ReplicaSet', name: 'api-7d9f' },
        containers: [{ name: 'app', image: `${R}:1.4`, imageID: imageIds.repoDigest(R, DA) }],
      }),
    );

    expect(view).toMatchObject({
      namespace: 'shop',
      name: 'api-7d9f-abcde',
      phase: 'Running',
      owner: { kind: 'ReplicaSet', name: 'api-7d9f' },
      templateHash: '7d9f',
      startTime: Date.parse('2026-11-30T12:00:01Z'),
    });
    expect(view.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.containers).toEqual([
      {
        name: 'app',
        role: 'main',
        specImage: `${R}:1.4`,
        imageID: `${R}@${DA}`,
        ready: true,
        state: 'running',
        restartCount: 0,
      },
    ]);
  });

  it('joins container statuses by name, not by position', () => {
    const object = pod({
      name: 'two',
      containers: [
        { name: 'app', image: `${R}:1`, imageID: 'id-app' },
        { name: 'log', image: 'busybox', imageID: 'id-log', state: 'waiting' },
      ],
    });
    const status = object.status as { containerStatuses: unknown[] };
    status.containerStatuses.reverse();

    const byName = Object.fromEntries(projectPod(object).containers.map((c) => [c.name, c]));
    expect(byName.app).toMatchObject({ imageID: 'id-app', state: 'running' });
    expect(byName.log).toMatchObject({ imageID: 'id-log', state: 'waiting' });
  });

  it.each([
    ['an ordinary init container as init', istioInit(), 'init', 'terminated'],
    [
      'a native sidecar init container as serving',
      istioProxy({ native: true }),
      'sidecar',
      'running',
    ],
  ])('projects %s', (_title, initContainer, role, state) => {
    const view = projectPod(
      pod({ name: 'p', containers: [{ name: 'app', image: R }], initContainers: [initContainer] }),
    );
    expect(view.containers[1]).toMatchObject({ name: initContainer.name, role, state });
  });

  it('projects an injected mesh proxy as a main container and an ephemeral debugger as ephemeral', () => {
    const view = projectPod(
      pod({
        name: 'p',
        containers: [{ name: 'app', image: R }, istioProxy()],
        ephemeralContainers: [{ name: 'debugger-x7', image: 'busybox:1.36' }],
      }),
    );
    expect(view.containers.map((c) => [c.name, c.role])).toEqual([
      ['app', 'main'],
      ['istio-proxy', 'main'],
      ['debugger-x7', 'ephemeral'],
    ]);
  });

  it.each([
    ['docker-pullable', imageIds.dockerPullable(R, DA)],
    ['repo digest (containerd)', imageIds.repoDigest(R, DA)],
    ['docker image-config id', imageIds.dockerConfig(digest('local build'))],
  ])('keeps a %s imageID as reported', (_form, imageID) => {
    const view = projectPod(pod({ name: 'p', containers: [{ name: 'app', image: R, imageID }] }));
    expect(view.containers[0]?.imageID).toBe(imageID);
  });

  it.each([
    [
      { state: 'waiting', reason: 'ImagePullBackOff' },
      'waiting',
      'ImagePullBackOff',
      '',
      'Pending',
    ],
    [
      { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 7 },
      'waiting',
      'CrashLoopBackOff',
      `${R}@`,
      'Pending',
    ],
    [{ state: 'terminated', reason: 'Error' }, 'terminated', 'Error', `${R}@`, 'Failed'],
    [{ noStatus: true }, 'absent', undefined, '', 'Pending'],
  ] as const)(
    'projects a container with %o as %s (%s)',
    (fixture, state, reason, imageID, phase) => {
      const view = projectPod(
        pod({ name: 'p', containers: [{ name: 'app', image: R, ...fixture }] }),
      );
      const container = view.containers[0];

      expect(view.phase).toBe(phase);
      expect(container?.state).toBe(state);
      expect(container?.stateReason).toBe(reason);
      expect(container?.ready).toBe(false);
      expect(container?.imageID.startsWith(imageID)).toBe(true);
    },
  );

  it('keeps the imageID of the last run of a crash-looping container', () => {
    const view = projectPod(
      pod({
        name: 'p',
        containers: [
          { name: 'app', image: R, state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 4 },
        ],
      }),
    );
    expect(view.containers[0]).toMatchObject({ restartCount: 4, ready: false });
    expect(view.containers[0]?.imageID).toMatch(/^reg\.example\.test\/shop\/api@sha256:/);
  });

  it('projects a finished Job pod as Succeeded with a terminated container', () => {
    const view = projectPod(jobPod({ job: 'migrate-42', image: `${R}:1.3` }));
    expect(view).toMatchObject({ phase: 'Succeeded', owner: { kind: 'Job', name: 'migrate-42' } });
    expect(view.containers[0]).toMatchObject({ state: 'terminated', stateReason: 'Completed' });
  });

  it('reads a terminating pod’s deletionTimestamp', () => {
    const view = projectPod(
      pod({
        name: 'p',
        containers: [{ name: 'app', image: R }],
        deletionTimestamp: '2026-11-30T13:00:00Z',
      }),
    );
    expect(view.deletionTimestamp).toBe(Date.parse('2026-11-30T13:00:00Z'));
  });

  it.each([
    ['no status', { metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: R }] } }],
    [
      'containerStatuses: null',
      {
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'app', image: R }] },
        status: { phase: 'Pending', containerStatuses: null },
      },
    ],
    [
      'statuses that are not objects',
      {
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'app', image: R }] },
        status: { containerStatuses: [null, 3] },
      },
    ],
  ])('projects a pod with %s as having absent containers', (_title, object) => {
    const view = projectPod(object);
    expect(view.containers).toEqual([
      {
        name: 'app',
        role: 'main',
        specImage: R,
        imageID: '',
        ready: false,
        state: 'absent',
        restartCount: 0,
      },
    ]);
    expect(view.owner).toBeUndefined();
    expect(view.startTime).toBeUndefined();
  });

  it.each([null, 42, 'pod', []])('projects %o as an empty pod instead of throwing', (input) => {
    expect(projectPod(input)).toEqual({
      namespace: '',
      name: '',
      uid: '',
      phase: 'Unknown',
      containers: [],
    });
  });

  it('takes the controller owner reference, and the first one when none is the controller', () => {
    const owners = [
      { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u1' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u2', controller: true },
    ];
    const withController = projectPod({ metadata: { name: 'db-0', ownerReferences: owners } });
    const withoutController = projectPod({ metadata: { name: 'x', ownerReferences: [owners[0]] } });

    expect(withController.owner).toEqual({ kind: 'StatefulSet', name: 'db' });
    expect(withoutController.owner).toEqual({ kind: 'Node', name: 'n1' });
  });

  it('reads the controller-revision-hash label of a StatefulSet pod', () => {
    const view = projectPod(
      pod({ name: 'db-0', revisionHash: 'db-5f8c9', containers: [{ name: 'db', image: R }] }),
    );
    expect(view.revisionHash).toBe('db-5f8c9');
    expect(view.templateHash).toBeUndefined();
  });

  it('projects a client-node model (Date timestamps, no kind) like the same pod as JSON', () => {
    const json = pod({
      name: 'p',
      owner: { kind: 'ReplicaSet', name: 'rs' },
      containers: [{ name: 'app', image: R }],
      deletionTimestamp: '2026-11-30T12:30:00Z',
    });
    const model = asClientNodeModel(json);

    expect((model.status as Record<string, unknown>).startTime).toBeInstanceOf(Date);
    expect(projectPod(model)).toEqual(projectPod(json));
  });

  it('holds no env value in the view, only names, references and digests', () => {
    const canary = 'canary-5e1f0c1d-not-for-views';
    const view = projectPod(
      pod({
        name: 'p',
        containers: [
          {
            name: 'app',
            image: R,
            env: [
              { name: 'PAYMENT_API_KEY', value: canary },
              { name: 'MODE', value: canary },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: canary } } },
            ],
          },
        ],
      }),
    );
    expect(JSON.stringify(view)).not.toContain(canary);
    expect(view.containers[0]?.config?.env.map((e) => [e.name, e.source])).toEqual([
      ['PAYMENT_API_KEY', 'literal'],
      ['MODE', 'literal'],
      ['DB_PASSWORD', 'secretKeyRef'],
    ]);
  });
});
