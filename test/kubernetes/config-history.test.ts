/**
 * A watch sees every change of a ConfigMap's content; the source keeps
 * them, through relists too, so that the engine can tell a ConfigMap
 * changed back to its old content from one that never changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { configMap } from '../../exporter/src/sources/testing/index.js';
import { eventually, startHarness, type Harness } from './harness.js';

const version = (mode: string, changedAt: string) =>
  configMap({ name: 'api-cfg', data: { MODE: mode }, changedAt });

describe('ConfigMap content over time from the watch', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('records each change with its time, and keeps them through a relist after 410', async () => {
    const server = harness.servers[0]!;
    server.cluster.apply(version('fast', '2026-12-01T09:00:00Z'));
    const source = harness.source(0);
    await source.start();
    await eventually('watches open', () => server.openWatches >= 7);
    const history = () =>
      source.observe().state?.configMaps?.find((c) => c.name === 'api-cfg')?.history ?? [];

    server.cluster.apply(version('safe', '2026-12-01T12:00:00Z'));
    server.cluster.apply(version('fast', '2026-12-01T13:00:00Z'));
    await eventually('two changes seen', () => history().length === 3);
    const seen = history();
    expect(seen.map((r) => r.from)).toEqual(
      ['2026-12-01T09:00:00Z', '2026-12-01T12:00:00Z', '2026-12-01T13:00:00Z'].map(Date.parse),
    );
    expect(seen[0]!.contentHash).toBe(seen[2]!.contentHash);
    expect(seen[1]!.contentHash).not.toBe(seen[0]!.contentHash);

    // A change while the watch is down, then compaction: only a relist can resume.
    server.faults.goneAs = 'http';
    server.dropWatches();
    server.cluster.apply(configMap({ name: 'other-cfg', data: { A: '1' } }));
    server.cluster.compact();
    await eventually('a relist of ConfigMaps', () =>
      source.kinds().some((k) => k.kind === 'ConfigMap' && k.relists >= 1),
    );
    expect(history()).toEqual(seen);
  });
});
