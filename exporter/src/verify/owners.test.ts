import { describe, expect, it } from 'vitest';

import type { PodView, ReplicaSetView } from '../sources/observations.js';
import { resolveOwner } from './owners.js';

function podOwnedBy(kind: string, name: string, templateHash?: string): PodView {
  return {
    namespace: 'shop',
    name: 'p',
    uid: 'u',
    phase: 'Running',
    owner: { kind, name },
    ...(templateHash !== undefined ? { templateHash } : {}),
    containers: [],
  };
}

const replicaSets = new Map<string, ReplicaSetView>([
  ['shop/api-7c9d', rs('api-7c9d', { kind: 'Deployment', name: 'api' })],
  ['shop/canary-5f6b', rs('canary-5f6b', { kind: 'Rollout', name: 'canary' })],
  ['shop/orphan-1a2b', rs('orphan-1a2b', undefined)],
]);

function rs(name: string, owner: ReplicaSetView['owner']): ReplicaSetView {
  return { namespace: 'shop', name, ...(owner ? { owner } : {}), replicas: 1, images: {} };
}

describe('resolveOwner', () => {
  it.each([
    [
      'a Deployment pod through its ReplicaSet',
      podOwnedBy('ReplicaSet', 'api-7c9d'),
      'Deployment/api',
    ],
    [
      'an Argo Rollout pod through its ReplicaSet',
      podOwnedBy('ReplicaSet', 'canary-5f6b'),
      'Rollout/canary',
    ],
    ['a StatefulSet pod directly', podOwnedBy('StatefulSet', 'db'), 'StatefulSet/db'],
    ['a DaemonSet pod directly', podOwnedBy('DaemonSet', 'agent'), 'DaemonSet/agent'],
    [
      'a Deployment pod whose ReplicaSet is not in the snapshot, by name and hash',
      podOwnedBy('ReplicaSet', 'web-6d4f', '6d4f'),
      'Deployment/web',
    ],
    ['a Job pod as no workload', podOwnedBy('Job', 'migrate-29'), undefined],
    [
      'a ReplicaSet without owner as no workload',
      podOwnedBy('ReplicaSet', 'orphan-1a2b'),
      undefined,
    ],
    [
      'a missing ReplicaSet whose name does not end in the hash as no workload',
      podOwnedBy('ReplicaSet', 'web-6d4f', 'ffff'),
      undefined,
    ],
    [
      'a missing ReplicaSet named only by the hash as no workload',
      podOwnedBy('ReplicaSet', '-6d4f', '6d4f'),
      undefined,
    ],
  ])('resolves %s', (_title, pod, expected) => {
    const owner = resolveOwner(pod, replicaSets);
    expect(owner === undefined ? undefined : `${owner.kind}/${owner.name}`).toBe(expected);
  });

  it('resolves a bare pod as no workload', () => {
    const pod = podOwnedBy('ReplicaSet', 'x');
    delete pod.owner;
    expect(resolveOwner(pod, replicaSets)).toBeUndefined();
  });
});
