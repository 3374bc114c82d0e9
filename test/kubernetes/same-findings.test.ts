import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadIntent } from '../../exporter/src/intent/load.js';
import { readSnapshot } from '../../exporter/src/sources/snapshot-source.js';
import { kubectlList } from '../../exporter/src/sources/testing/index.js';
import { evaluate } from '../../exporter/src/verify/evaluate.js';
import { fixtureObjects, intentYaml } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

/** The parts of a ClusterState both sources read. */
const BUCKETS = [
  'pods',
  'replicaSets',
  'controllerRevisions',
  'workloads',
  'configMaps',
  'routes',
] as const;

/** Views in a stable order: the API lists by name, a snapshot keeps the file's order. */
function sorted(views: readonly { namespace: string; name: string }[] | undefined) {
  const key = (v: { namespace: string; name: string; kind?: string }) =>
    `${v.kind ?? ''}/${v.namespace}/${v.name}`;
  return [...(views ?? [])].sort((a, b) => key(a).localeCompare(key(b)));
}

describe('the same cluster through a snapshot and through the API', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it.each([
    ['mid-rollout', 1],
    ['rolled out', 0],
    ['far behind', 3],
  ])('gives identical observations, workloads and findings (%s)', async (_case, oldPods) => {
    const objects = fixtureObjects(oldPods);
    const snapshotFile = join(harness.dir, 'snapshot.json');
    const intentFile = join(harness.dir, 'intent.yaml');
    await writeFile(snapshotFile, JSON.stringify(kubectlList(objects)));
    await writeFile(intentFile, intentYaml());
    harness.servers[0]!.cluster.apply(...objects);
    const source = harness.source(0);
    await source.start();

    const now = Date.parse('2026-12-01T12:00:00Z');
    const intent = await loadIntent(intentFile, { now: () => now });
    const fromSnapshot = await readSnapshot(snapshotFile, { region: 'region-0' });
    const fromApi = { ...source.observe(), lastSync: fromSnapshot.lastSync };
    const viaSnapshot = evaluate({ intent, regions: [fromSnapshot], now });
    const viaApi = evaluate({ intent, regions: [fromApi], now });

    for (const bucket of BUCKETS) {
      expect(sorted(fromApi.state?.[bucket]), bucket).toEqual(sorted(fromSnapshot.state?.[bucket]));
    }
    expect(viaSnapshot.findings.length + viaSnapshot.workloads.length).toBeGreaterThan(0);
    expect(viaApi.workloads).toEqual(viaSnapshot.workloads);
    expect(viaApi.findings).toEqual(viaSnapshot.findings);
    expect(viaApi.summary).toEqual(viaSnapshot.summary);
  });
});
