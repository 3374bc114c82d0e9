import { describe, expect, it } from 'vitest';

import { startingPublication } from './exporter-status.js';
import { renderMetrics } from './render.js';
import {
  AT,
  DIGEST_NEW,
  DIGEST_OLD,
  fixtureEvaluation,
  fixturePublication,
  foldingPublication,
} from './testing/fixtures.js';

const CHECKOUT = 'region="eu-west",namespace="shop",workload="checkout"';

describe('renderMetrics', () => {
  it('renders the fixture evaluation as exactly this exposition text', async () => {
    const text = await renderMetrics(fixturePublication());

    expect(text)
      .toBe(`# HELP realitycheck_build_info The version and revision of the running exporter; always 1.
# TYPE realitycheck_build_info gauge
realitycheck_build_info{version="0.1.0",revision="abc1234"} 1

# HELP realitycheck_intent_load_success Whether the last load of the intent succeeded (1) or failed and the last good intent is still in force (0).
# TYPE realitycheck_intent_load_success gauge
realitycheck_intent_load_success 1

# HELP realitycheck_intent_last_load_timestamp_seconds When the intent in force was last loaded successfully; absent until a load succeeds.
# TYPE realitycheck_intent_last_load_timestamp_seconds gauge
realitycheck_intent_last_load_timestamp_seconds 1796126340

# HELP realitycheck_source_up 1 when the region's source answered its last sync, else 0.
# TYPE realitycheck_source_up gauge
realitycheck_source_up{region="eu-west"} 1
realitycheck_source_up{region="edge-fra"} 1
realitycheck_source_up{region="ap-south"} 0

# HELP realitycheck_source_last_sync_timestamp_seconds When the region's data was last fresh; absent for a region that never synced.
# TYPE realitycheck_source_last_sync_timestamp_seconds gauge
realitycheck_source_last_sync_timestamp_seconds{region="eu-west"} 1796126395
realitycheck_source_last_sync_timestamp_seconds{region="edge-fra"} 1796122800

# HELP realitycheck_instances Running containers per digest, version and releases_behind (0, 1, ..., unexpected, pending, unknown); digests beyond the per-workload limit are summed under digest="other".
# TYPE realitycheck_instances gauge
realitycheck_instances{${CHECKOUT},container="app",digest="${DIGEST_NEW}",version="1.15.0",releases_behind="0"} 3
realitycheck_instances{${CHECKOUT},container="app",digest="${DIGEST_OLD}",version="1.14.2",releases_behind="1"} 1
realitycheck_instances{${CHECKOUT},container="app",digest="",version="",releases_behind="pending"} 1

# HELP realitycheck_intended_info The intended digest and version of each container of a workload in a region; always 1.
# TYPE realitycheck_intended_info gauge
realitycheck_intended_info{${CHECKOUT},container="app",digest="${DIGEST_NEW}",version="1.15.0"} 1

# HELP realitycheck_unparsed_image_ids Containers of a workload whose imageID parsed as no known form; counted as unknown, never dropped.
# TYPE realitycheck_unparsed_image_ids gauge
realitycheck_unparsed_image_ids{${CHECKOUT}} 0

# HELP realitycheck_digests_folded Distinct digests of a workload folded into digest="other" of realitycheck_instances to bound cardinality.
# TYPE realitycheck_digests_folded gauge
realitycheck_digests_folded{${CHECKOUT}} 0

# HELP realitycheck_digest_mismatch_ratio Share (0..1) of serving instances of a container not on an intended digest; absent when nothing serves or the region is blind.
# TYPE realitycheck_digest_mismatch_ratio gauge
realitycheck_digest_mismatch_ratio{${CHECKOUT},container="app"} 0.25

# HELP realitycheck_mismatch_since_timestamp_seconds When the current mismatch of a workload began, per check; absent while in sync.
# TYPE realitycheck_mismatch_since_timestamp_seconds gauge
realitycheck_mismatch_since_timestamp_seconds{${CHECKOUT},check="digest"} 1796126100

# HELP realitycheck_findings Open findings per workload, check and class (a finding is one discrepancy, not one instance); every class of the digest check is 0 for a verified workload without findings.
# TYPE realitycheck_findings gauge
realitycheck_findings{${CHECKOUT},check="digest",class="unexpected"} 0
realitycheck_findings{${CHECKOUT},check="digest",class="stale"} 0
realitycheck_findings{${CHECKOUT},check="digest",class="drift"} 0
realitycheck_findings{${CHECKOUT},check="digest",class="invalid"} 0
realitycheck_findings{${CHECKOUT},check="digest",class="unknown"} 0
realitycheck_findings{${CHECKOUT},check="digest",class="converging"} 1
realitycheck_findings{region="edge-fra",namespace="shop",workload="checkout",check="source",class="unknown"} 1

# HELP realitycheck_traffic_weight_ratio Share (0..1) of a service's traffic per backend and layer (intended, declared, observed); a layer that cannot be read is absent.
# TYPE realitycheck_traffic_weight_ratio gauge

# HELP realitycheck_traffic_deviation_ratio Largest gap (0..1) between any backend's intended share and its declared or observed share; absent when neither layer can be read.
# TYPE realitycheck_traffic_deviation_ratio gauge

# HELP realitycheck_traffic_query_up 1 when the region's Prometheus answered the last traffic queries, else 0 (the observed layer is unknown); absent for regions without one.
# TYPE realitycheck_traffic_query_up gauge

# HELP realitycheck_traffic_query_failures_total Traffic queries to the region's Prometheus that failed (unreachable, an error, or an answer that is not a vector).
# TYPE realitycheck_traffic_query_failures_total counter

# HELP realitycheck_config_mismatch_ratio Share (0..1) of serving instances of a container whose effective config (ConfigMaps at start, config hash, env) differs from the intended one; instances that cannot be verified are in neither part.
# TYPE realitycheck_config_mismatch_ratio gauge

# HELP realitycheck_env_mismatch_instances Serving instances whose environment variable differs from the intended value (names only, never values); 0 for every intended variable that matches.
# TYPE realitycheck_env_mismatch_instances gauge

# HELP realitycheck_flag_mismatch_instances Probed instances whose reported feature flag differs from the intended value; 0 for every intended flag that matches.
# TYPE realitycheck_flag_mismatch_instances gauge

# HELP realitycheck_inline_secret_env A credential-like environment variable set as a literal value instead of secretKeyRef (the variable name only); always 1.
# TYPE realitycheck_inline_secret_env gauge

# HELP realitycheck_probe_failing_instances Instances of a probed workload whose last self-report probe failed (timeout, refused, not 200, unreadable); what they report is unknown.
# TYPE realitycheck_probe_failing_instances gauge

# HELP realitycheck_probe_failures_total Self-report probes of instances of a workload that failed since the exporter started.
# TYPE realitycheck_probe_failures_total counter
`);
  });

  it('publishes no ratio, count or zero for a workload of a blind region, even if the engine kept it', async () => {
    const evaluation = fixtureEvaluation();
    const checkout = evaluation.workloads[0]!;
    evaluation.workloads.push({ ...checkout, region: 'edge-fra', digestMismatchRatio: { app: 0 } });

    const text = await renderMetrics(fixturePublication(evaluation));

    const edgeSeries = text.split('\n').filter((line) => line.includes('region="edge-fra"'));
    expect(edgeSeries).toEqual([
      'realitycheck_source_up{region="edge-fra"} 1',
      'realitycheck_source_last_sync_timestamp_seconds{region="edge-fra"} 1796122800',
      'realitycheck_findings{region="edge-fra",namespace="shop",workload="checkout",check="source",class="unknown"} 1',
    ]);
  });

  it('counts several findings of one workload, check and class as one series', async () => {
    const evaluation = fixtureEvaluation();
    const converging = evaluation.findings[1]!;
    evaluation.findings.push({ ...converging, reason: 'OnDelete' });

    const text = await renderMetrics(fixturePublication(evaluation));

    expect(text).toContain(
      `realitycheck_findings{${CHECKOUT},check="digest",class="converging"} 2\n`,
    );
  });

  it('folds digests beyond the limit into "other" and says how many', async () => {
    const text = await renderMetrics(foldingPublication());

    const lines = text
      .split('\n')
      .filter((l) => /^realitycheck_(instances|digests_folded)\{/.test(l));
    expect(lines).toEqual([
      `realitycheck_instances{${CHECKOUT},container="app",digest="${DIGEST_NEW}",version="1.15.0",releases_behind="0"} 3`,
      `realitycheck_instances{${CHECKOUT},container="app",digest="other",version="other",releases_behind="1"} 1`,
      `realitycheck_instances{${CHECKOUT},container="app",digest="",version="",releases_behind="pending"} 1`,
      `realitycheck_instances{${CHECKOUT},container="app",digest="other",version="other",releases_behind="unexpected"} 2`,
      `realitycheck_digests_folded{${CHECKOUT}} 2`,
    ]);
  });

  it('shows the build and every region as down before the first evaluation', async () => {
    const publication = startingPublication({
      at: AT,
      regions: [{ name: 'eu-west', source: 'snapshot:eu-west.json' }],
      intent: { loadOk: false },
      build: { version: '0.1.0', revision: 'abc1234' },
    });

    const samples = (await renderMetrics(publication))
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));

    expect(samples).toEqual([
      'realitycheck_build_info{version="0.1.0",revision="abc1234"} 1',
      'realitycheck_intent_load_success 0',
      'realitycheck_source_up{region="eu-west"} 0',
    ]);
  });

  it('renders a fresh registry per publication, so a vanished workload leaves no series behind', async () => {
    const before = await renderMetrics(fixturePublication());
    const evaluation = { ...fixtureEvaluation(), workloads: [], findings: [] };

    const after = await renderMetrics(fixturePublication(evaluation));

    expect(before).toContain('workload="checkout"');
    expect(after).not.toContain('workload="checkout"');
  });
});
