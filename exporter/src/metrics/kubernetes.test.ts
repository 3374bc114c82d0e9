import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { fillKubernetes } from './kubernetes.js';

const POD = {
  kind: 'Pod',
  readable: true,
  absent: false,
  objects: 12,
  watchRestarts: 3,
  errors: 1,
  relists: 1,
};

describe('fillKubernetes', () => {
  it('renders per-kind health and counters, skipping absent CRDs, as exactly this text', async () => {
    const registry = new Registry();
    fillKubernetes(
      registry,
      [
        {
          region: 'eu-west',
          kinds: [
            POD,
            {
              ...POD,
              kind: 'ControllerRevision',
              readable: false,
              objects: 0,
              watchRestarts: 0,
              relists: 0,
            },
            { ...POD, kind: 'Rollout', absent: true },
          ],
        },
      ],
      { index: 1, count: 4 },
    );

    const text = await registry.metrics();

    expect(text).toContain('realitycheck_shard_index 1\n');
    expect(text).toContain('realitycheck_shards 4\n');
    expect(text).toContain('realitycheck_source_kind_readable{region="eu-west",kind="Pod"} 1\n');
    expect(text).toContain(
      'realitycheck_source_kind_readable{region="eu-west",kind="ControllerRevision"} 0\n',
    );
    expect(text).toContain('realitycheck_source_objects{region="eu-west",kind="Pod"} 12\n');
    expect(text).toContain(
      'realitycheck_source_watch_restarts_total{region="eu-west",kind="Pod"} 3\n',
    );
    expect(text).toContain(
      'realitycheck_source_watch_errors_total{region="eu-west",kind="Pod"} 1\n',
    );
    expect(text).toContain('realitycheck_source_relists_total{region="eu-west",kind="Pod"} 1\n');
    expect(text).not.toContain('kind="Rollout"');
  });

  it('registers nothing for exporters over snapshots only', async () => {
    const registry = new Registry();
    fillKubernetes(registry, undefined, undefined);

    expect(await registry.metrics()).toBe('\n');
  });
});
