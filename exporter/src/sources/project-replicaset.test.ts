import { describe, expect, it } from 'vitest';

import { projectControllerRevision } from './project-controllerrevision.js';
import { projectReplicaSet } from './project-replicaset.js';
import { controllerRevision, istioProxy, replicaSet, templateHashOf } from './testing/index.js';

const R = 'reg.example.test/shop/api';

describe('projectReplicaSet', () => {
  it('projects a Deployment’s ReplicaSet with its revision, hash and template images', () => {
    const template = {
      containers: [{ name: 'app', image: `${R}:1.4` }],
      initContainers: [istioProxy({ native: true })],
    };
    const hash = templateHashOf(template);
    const view = projectReplicaSet(
      replicaSet({ deployment: 'api', revision: 7, replicas: 2, ...template }),
    );

    expect(view).toEqual({
      namespace: 'shop',
      name: `api-${hash}`,
      owner: { kind: 'Deployment', name: 'api' },
      templateHash: hash,
      revision: 7,
      createdAt: Date.parse('2026-11-30T12:00:00Z'),
      replicas: 2,
      images: { app: `${R}:1.4`, 'istio-proxy': 'docker.io/istio/proxyv2:1.24.2' },
    });
  });

  it('keeps an old ReplicaSet scaled to zero at zero replicas', () => {
    expect(
      projectReplicaSet(replicaSet({ deployment: 'api', revision: 1, image: R, replicas: 0 }))
        .replicas,
    ).toBe(0);
  });

  it.each([
    ['missing', undefined, undefined],
    ['not a number', 'seven', undefined],
    ['a number', '12', 12],
  ])('reads a revision annotation that is %s as %s', (_title, value, expected) => {
    const annotations = value === undefined ? {} : { 'deployment.kubernetes.io/revision': value };
    expect(projectReplicaSet({ metadata: { name: 'rs', annotations } }).revision).toBe(expected);
  });
});

describe('projectControllerRevision', () => {
  it('projects a StatefulSet’s ControllerRevision with its number and owner', () => {
    const view = projectControllerRevision(
      controllerRevision({
        owner: { kind: 'StatefulSet', name: 'db' },
        revision: 3,
        hash: '5f8c9d7b6',
        image: R,
      }),
    );
    expect(view).toEqual({
      namespace: 'shop',
      name: 'db-5f8c9d7b6',
      owner: { kind: 'StatefulSet', name: 'db' },
      revision: 3,
      createdAt: Date.parse('2026-11-30T12:00:00Z'),
    });
  });

  it('projects a ControllerRevision without a revision number as revision 0', () => {
    expect(projectControllerRevision({ metadata: { name: 'x' } })).toEqual({
      namespace: '',
      name: 'x',
      revision: 0,
    });
  });

  it('holds nothing of the stored template in the view', () => {
    const canary = 'canary-revision-data';
    const object = controllerRevision({
      owner: { kind: 'DaemonSet', name: 'agent' },
      revision: 1,
      containers: [{ name: 'agent', image: R, env: [{ name: 'TOKEN', value: canary }] }],
    });
    expect(JSON.stringify(projectControllerRevision(object))).not.toContain(canary);
  });
});
