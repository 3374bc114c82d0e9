import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LIST_PAGE_SIZE } from '../../exporter/src/sources/kubernetes/list-all.js';
import { fixtureObjects, fixturePods } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

describe('KubernetesSource against a fake API server', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('lists every kind in pages and reports the region in sync', async () => {
    const objects = fixtureObjects();
    harness.servers[0]!.cluster.apply(...objects);
    const source = harness.source(0);

    await source.start();
    const observation = source.observe();

    expect(observation.up).toBe(true);
    expect(observation.state?.pods).toHaveLength(fixturePods(objects).length);
    expect(observation.state?.workloads.map((w) => w.kind).sort()).toEqual([
      'DaemonSet',
      'Deployment',
      'StatefulSet',
    ]);
    expect(observation.state?.replicaSets).toHaveLength(2);
    expect(observation.state?.controllerRevisions).toHaveLength(2);
    expect(observation.unreadableKinds).toBeUndefined();
  });

  it('lists in pages of LIST_PAGE_SIZE, following continue tokens', async () => {
    const server = harness.servers[0]!;
    const many = Array.from({ length: 1_203 }, () => fixturePods(fixtureObjects())[0]!).map(
      (pod, i) => ({ ...pod, metadata: { ...(pod.metadata as object), name: `p-${i}` } }),
    );
    server.cluster.apply(...many);
    const source = harness.source(0);

    await source.start();

    expect(source.observe().state?.pods).toHaveLength(1_203);
    expect(server.count('list', 'pods')).toBe(Math.ceil(1_203 / LIST_PAGE_SIZE));
  });
});
