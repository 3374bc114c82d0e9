import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { KubernetesSource } from '../../exporter/src/sources/kubernetes/source.js';
import { fixtureObjects, fixturePods, oldCheckoutPods } from './fixtures.js';
import { collectingLogger, eventually, startHarness, type Harness } from './harness.js';

const podNames = (source: KubernetesSource) =>
  (source.observe().state?.pods ?? []).map((p) => `${p.namespace}/${p.name}`).sort();

const kind = (source: KubernetesSource, name: string) =>
  source.kinds().find((k) => k.kind === name);

describe('KubernetesSource under faults', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
    harness.servers[0]!.cluster.apply(...fixtureObjects());
  });
  afterEach(async () => {
    await harness.close();
  });

  it('resumes a dropped watch from its last resourceVersion, without a relist', async () => {
    const server = harness.servers[0]!;
    const source = harness.source(0);
    await source.start();
    await eventually('watches open', () => server.openWatches >= 7);
    const lists = server.count('list', 'pods');

    expect(server.dropWatches()).toBeGreaterThan(0);
    server.cluster.delete(oldCheckoutPods(fixtureObjects())[0]!);

    await eventually('the deletion seen after the drop', () => podNames(source).length === 7);
    expect(server.count('list', 'pods')).toBe(lists);
    expect(kind(source, 'Pod')?.watchRestarts).toBeGreaterThanOrEqual(1);
    expect(source.observe().up).toBe(true);
  });

  it.each(['event', 'http'] as const)(
    'relists after 410 Gone (as %s) with no pod lost or counted twice',
    async (goneAs) => {
      const server = harness.servers[0]!;
      server.faults.goneAs = goneAs;
      const source = harness.source(0);
      await source.start();
      await eventually('watches open', () => server.openWatches >= 7);
      const before = podNames(source);

      // Changes while the watch is down, then the history that could replay them is compacted.
      server.dropWatches();
      server.dropWatches();
      const [extra] = fixturePods(fixtureObjects(2)).filter((p) => !before.includes(nameOf(p)));
      server.cluster.apply(extra!);
      server.cluster.compact();

      await eventually('a relist of pods', () => (kind(source, 'Pod')?.relists ?? 0) >= 1);
      await eventually('the new pod', () => podNames(source).length === before.length + 1);
      expect(podNames(source)).toEqual([...before, nameOf(extra!)].sort());
      expect(new Set(podNames(source)).size).toBe(podNames(source).length);
      expect(source.observe().up).toBe(true);
    },
  );

  it('treats 403 on one kind as partial visibility, logged once, and recovers when granted', async () => {
    const server = harness.servers[0]!;
    server.faults.forbidden.add('controllerrevisions');
    const { logger, lines } = collectingLogger();
    const source = harness.source(0, { logger });

    await source.start();
    await new Promise((r) => setTimeout(r, 500)); // Several forbidden retries (every 200 ms here).

    const observation = source.observe();
    expect(observation.up).toBe(true);
    expect(observation.unreadableKinds).toEqual(['ControllerRevision']);
    expect(observation.state?.controllerRevisions).toEqual([]);
    expect(kind(source, 'ControllerRevision')?.readable).toBe(false);
    expect(server.count('list', 'controllerrevisions')).toBeGreaterThan(1);
    const warnings = lines().filter((l) => String(l.msg).includes('forbidden'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'ControllerRevision', level: 40 });

    server.faults.forbidden.delete('controllerrevisions');
    await eventually('readable again', () => source.observe().unreadableKinds === undefined);
    expect(source.observe().state?.controllerRevisions).toHaveLength(2);
  });

  it('is down while the API server is, keeps its last state, and syncs again when it is back', async () => {
    const server = harness.servers[0]!;
    const source = harness.source(0);
    await source.start();
    await eventually('watches open', () => server.openWatches >= 7);

    await server.stop();
    await eventually('down', () => !source.observe().up);
    const down = source.observe();
    expect(down.error).toMatch(/ECONNREFUSED|socket|reset|closed/i);
    expect(down.state?.pods).toHaveLength(8);

    server.cluster.delete(oldCheckoutPods(fixtureObjects())[0]!);
    await server.start();
    await eventually('up again', () => source.observe().up, 8_000);
    await eventually('the change made while down', () => podNames(source).length === 7);
  });

  it('does not hold start-up for a slow API server, and syncs once its answers come', async () => {
    const server = harness.servers[0]!;
    server.faults.delayMs = 1_000;
    const source = harness.source(0, { startWaitMs: 200 });

    const started = Date.now();
    await source.start();

    expect(Date.now() - started).toBeLessThan(900);
    expect(source.observe()).toMatchObject({ up: false });
    expect(source.observe().state).toBeUndefined();
    await eventually('synced after the slow answers', () => source.observe().up, 10_000);
    expect(podNames(source)).toHaveLength(8);
  });

  it('treats a missing Argo Rollouts CRD as nothing to watch, not as an error', async () => {
    const { logger, lines } = collectingLogger();
    const source = harness.source(0, { logger });
    await source.start();

    expect(source.observe().up).toBe(true);
    expect(kind(source, 'Rollout')).toMatchObject({ absent: true, errors: 0 });
    expect(lines().filter((l) => l.kind === 'Rollout' && Number(l.level) >= 40)).toEqual([]);
  });

  it('restarts a list whose continue token expired', async () => {
    const server = harness.servers[0]!;
    const pods = Array.from({ length: 1_100 }, (_, i) =>
      renamed(fixturePods(fixtureObjects())[0]!, i),
    );
    server.cluster.apply(...pods);
    // The first continue token is forgotten, as when etcd compacted during the list.
    const get = server.snapshots.get.bind(server.snapshots);
    let forgotten = false;
    server.snapshots.get = (id) => (forgotten ? get(id) : ((forgotten = true), undefined));
    const source = harness.source(0);

    await source.start();

    expect(source.observe().state?.pods).toHaveLength(1_100 + 8);
    expect(forgotten).toBe(true);
  });
});

function nameOf(pod: Record<string, unknown>): string {
  const metadata = pod.metadata as { namespace: string; name: string };
  return `${metadata.namespace}/${metadata.name}`;
}

function renamed(pod: Record<string, unknown>, i: number): Record<string, unknown> {
  return { ...pod, metadata: { ...(pod.metadata as object), name: `bulk-${i}` } };
}
