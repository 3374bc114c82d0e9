import { describe, expect, it } from 'vitest';

import { parseImageId } from '../../verify/image-id.js';
import { parseSnapshot } from '../snapshot-file.js';
import {
  daemonSetStack,
  deploymentStack,
  digest,
  imageIds,
  jobPod,
  kubectlList,
  pod,
  pulledImageId,
  repositoryOf,
  statefulSetStack,
} from './index.js';

const R = 'reg.example.test/shop/api';

function stateOf(items: Record<string, unknown>[]) {
  return parseSnapshot(JSON.stringify(kubectlList(items)), 'fixture.json').state;
}

describe('fixture builders', () => {
  it('build a Deployment whose pods, ReplicaSets and Deployment link up', () => {
    const state = stateOf(
      deploymentStack({
        name: 'api',
        revisions: [
          { image: `${R}:1.3`, pods: 1 },
          { image: `${R}:1.4`, pods: 3 },
        ],
      }),
    );

    const [workload] = state.workloads;
    expect(workload).toMatchObject({
      name: 'api',
      replicas: 4,
      updatedReplicas: 3,
      images: { app: `${R}:1.4` },
    });
    expect(workload?.conditions[1]?.reason).toBe('ReplicaSetUpdated');
    expect(state.replicaSets.map((rs) => [rs.revision, rs.owner?.name, rs.replicas])).toEqual([
      [1, 'api', 1],
      [2, 'api', 3],
    ]);
    for (const p of state.pods) {
      const replicaSet = state.replicaSets.find((rs) => rs.name === p.owner?.name);
      expect(replicaSet?.templateHash).toBe(p.templateHash);
    }
  });

  it('build a StatefulSet whose pods name their ControllerRevision in full', () => {
    const state = stateOf(
      statefulSetStack({
        name: 'db',
        revisions: [{ image: `${R}:1` }, { image: `${R}:2` }],
        podRevisions: [0, 0, 1, 0],
      }),
    );
    const names = state.controllerRevisions.map((r) => r.name);

    expect(state.pods.map((p) => p.name)).toEqual(['db-0', 'db-1', 'db-2', 'db-3']);
    expect(state.pods.map((p) => names.indexOf(p.revisionHash ?? ''))).toEqual([0, 0, 1, 0]);
    expect(state.workloads[0]).toMatchObject({
      currentRevision: names[0],
      updateRevision: names[1],
      updatedReplicas: 1,
      replicas: 4,
    });
  });

  it('build a DaemonSet whose pods carry only the revision hash suffix', () => {
    const state = stateOf(
      daemonSetStack({
        name: 'agent',
        revisions: [{ image: `${R}:1` }, { image: `${R}:2` }],
        podRevisions: [0, 1, 0],
        daemonSet: { updateStrategy: 'OnDelete' },
      }),
    );
    const names = state.controllerRevisions.map((r) => r.name);

    expect(state.pods.map((p) => names.indexOf(`agent-${p.revisionHash}`))).toEqual([0, 1, 0]);
    expect(state.workloads[0]).toMatchObject({
      strategy: 'OnDelete',
      replicas: 3,
      updatedReplicas: 1,
    });
  });

  it.each([
    [imageIds.dockerPullable(R, digest('a')), 'digest'],
    [imageIds.repoDigest(R, digest('a')), 'digest'],
    [imageIds.dockerConfig(digest('local')), 'config'],
    [imageIds.none, 'none'],
  ])('write imageID %s in a form the engine reads as %s', (imageID, kind) => {
    expect(parseImageId(imageID).kind).toBe(kind);
  });

  it('derive a running container’s imageID from its image, keeping a pinned digest', () => {
    const pinned = `${R}:1.4@${digest('pinned')}`;
    expect(pulledImageId(pinned)).toBe(`${R}@${digest('pinned')}`);
    expect(pulledImageId(`${R}:1.4`)).toBe(`${R}@${digest(`${R}:1.4`)}`);
    expect(repositoryOf('localhost:5000/api:7')).toBe('localhost:5000/api');
  });

  it('leave the imageID empty for a container that never pulled its image', () => {
    const object = pod({
      name: 'p',
      containers: [{ name: 'app', image: R, state: 'waiting', reason: 'ErrImagePull' }],
    });
    expect(stateOf([object]).pods[0]?.containers[0]?.imageID).toBe('');
  });

  it('build a finished Job pod', () => {
    const view = stateOf([jobPod({ job: 'migrate', image: `${R}:1` })]).pods[0];
    expect(view).toMatchObject({ phase: 'Succeeded', owner: { kind: 'Job', name: 'migrate' } });
  });

  it('build the same objects every time, so tests may compare exact output', () => {
    const build = () => deploymentStack({ name: 'api', revisions: [{ image: R, pods: 2 }] });
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });
});
