/**
 * `realitycheck serve` while its inputs go bad and come back: /metrics keeps
 * answering with the last good state, the health metrics and the log say
 * what is wrong, and a good file is picked up again. Also the exact
 * exposition text for a tiny fixture, and a clean stop on SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import {
  intentYaml,
  setModified,
  snapshots,
  useScenarioDir,
  WEB_WORKLOAD,
  writeFiles,
} from './scenario.js';

/** The intent is polled every 2s (not configurable) with retries; leave room for a few polls. */
const RELOAD_TIMEOUT_MS = 15_000;

const API = 'region="eu",namespace="shop",workload="api"';

describe('realitycheck serve', () => {
  const dir = useScenarioDir();
  let exporter: ExporterProcess | undefined;

  afterEach(async () => {
    await exporter?.stop();
    exporter = undefined;
  });

  /** Starts serve on the folder's intent.yaml and eu.json, polling the snapshot every 200ms. */
  async function serve(extraConfig = ''): Promise<ExporterProcess> {
    writeFiles(dir(), {
      'realitycheck.yaml': [
        'intent: intent.yaml',
        'evaluateInterval: 1s',
        extraConfig,
        'regions:',
        '  - name: eu',
        '    snapshot: { path: eu.json, pollInterval: 200ms }',
      ].join('\n'),
    });
    exporter = await startExporter(
      ['--config', join(dir(), 'realitycheck.yaml')],
      await freePort(),
    );
    return exporter;
  }

  async function metrics(): Promise<string> {
    const response = await fetch(`${exporter?.url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  }

  /** The sample lines of /metrics that start with `prefix`. */
  async function samples(prefix: string): Promise<string[]> {
    return (await metrics()).split('\n').filter((line) => line.startsWith(prefix));
  }

  /** Warn lines of the JSON log with the given message. */
  function warnings(msg: string): Record<string, unknown>[] {
    return (exporter?.stderr() ?? '')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.level === 40 && entry.msg === msg);
  }

  it('keeps the last good intent in force while the file is broken, then picks up the fix', async () => {
    const files = writeFiles(dir(), {
      'intent.yaml': intentYaml(),
      'eu.json': snapshots.converging(),
    });
    await serve();
    const intentFile = files['intent.yaml'] as string;
    const lastGood = [
      `realitycheck_digest_mismatch_ratio{${API},container="app"} 0.5`,
      `realitycheck_findings{${API},check="digest",class="converging"} 1`,
    ];
    expect(await samples('realitycheck_intent_load_success')).toEqual([
      'realitycheck_intent_load_success 1',
    ]);

    writeFileSync(intentFile, 'apiVersion: realitycheck/v1\nworkloads: [\n');
    await expect
      .poll(() => samples('realitycheck_intent_load_success'), { timeout: RELOAD_TIMEOUT_MS })
      .toEqual(['realitycheck_intent_load_success 0']);
    for (const line of lastGood) expect(await metrics()).toContain(`${line}\n`);
    const reloadFailed = 'intent reload failed; keeping the last good intent';
    expect(warnings(reloadFailed)).toEqual([
      expect.objectContaining({ file: intentFile, line: 3, column: 1, field: '' }),
    ]);

    writeFileSync(intentFile, intentYaml().replace('    releases:', '    releses:'));
    await expect.poll(() => warnings(reloadFailed).length, { timeout: RELOAD_TIMEOUT_MS }).toBe(2);
    expect(warnings(reloadFailed)[1]).toMatchObject({
      file: intentFile,
      err: {
        message: expect.stringContaining(
          `${intentFile}:7:5 workloads[0].releses: unknown field "releses"`,
        ),
      },
    });
    expect(await samples('realitycheck_intent_load_success')).toEqual([
      'realitycheck_intent_load_success 0',
    ]);
    for (const line of lastGood) expect(await metrics()).toContain(`${line}\n`);

    writeFileSync(intentFile, `${intentYaml()}\n${WEB_WORKLOAD}\n`);
    await expect
      .poll(() => samples('realitycheck_intent_load_success'), { timeout: RELOAD_TIMEOUT_MS })
      .toEqual(['realitycheck_intent_load_success 1']);
    await expect
      .poll(() => samples('realitycheck_findings{region="eu",namespace="shop",workload="web"'))
      .toContain(
        'realitycheck_findings{region="eu",namespace="shop",workload="web",check="digest",class="converging"} 1',
      );
    for (const line of lastGood) expect(await metrics()).toContain(`${line}\n`);
  });

  it('reports a region whose snapshot is cut short as unknown, keeps its last state, and recovers', async () => {
    const files = writeFiles(dir(), { 'intent.yaml': intentYaml(), 'eu.json': snapshots.inSync() });
    const snapshotFile = files['eu.json'] as string;
    setModified(snapshotFile, 1_780_000_000_000);
    await serve('defaults: { maxAge: "0" }');
    expect(await samples('realitycheck_source_up')).toEqual([
      'realitycheck_source_up{region="eu"} 1',
    ]);

    const whole = snapshots.inSync();
    writeFileSync(snapshotFile, whole.slice(0, whole.length / 2));
    await expect
      .poll(() => samples('realitycheck_source_up'), { timeout: 10_000 })
      .toEqual(['realitycheck_source_up{region="eu"} 0']);
    const blind = await metrics();
    // The last good data is kept and its age stays visible.
    expect(blind).toContain(
      'realitycheck_source_last_sync_timestamp_seconds{region="eu"} 1780000000\n',
    );
    expect(blind).toContain(`realitycheck_findings{${API},check="source",class="unknown"} 1\n`);
    expect(blind).not.toContain('realitycheck_digest_mismatch_ratio{');
    expect(blind).not.toMatch(/^realitycheck_findings\{[^}]*check="digest"/m);
    const findings = (await (await fetch(`${exporter?.url}/api/v1/findings`)).json()) as {
      regions: unknown[];
      findings: unknown[];
    };
    expect(findings.regions).toEqual([
      expect.objectContaining({
        name: 'eu',
        up: false,
        health: 'down',
        lastSync: '2026-05-28T20:26:40.000Z',
      }),
    ]);
    expect(findings.findings).toEqual([
      expect.objectContaining({
        workload: 'api',
        check: 'source',
        class: 'unknown',
        reason: 'SourceDown',
      }),
    ]);
    expect(warnings('snapshot read failed; keeping the last good state')).toEqual([
      expect.objectContaining({
        region: 'eu',
        file: snapshotFile,
        err: expect.stringMatching(/not valid JSON: .* \(the file is cut short\)$/),
      }),
    ]);

    writeFileSync(snapshotFile, snapshots.stale());
    await expect
      .poll(() => samples('realitycheck_source_up'), { timeout: 10_000 })
      .toEqual(['realitycheck_source_up{region="eu"} 1']);
    await expect
      .poll(() => samples(`realitycheck_digest_mismatch_ratio{${API}`))
      .toEqual([`realitycheck_digest_mismatch_ratio{${API},container="app"} 1`]);
    expect(await metrics()).toMatch(
      new RegExp(
        `^realitycheck_instances\\{${API},container="app",digest="sha256:[0-9a-f]{64}",version="1\\.2",releases_behind="2"\\} 2$`,
        'm',
      ),
    );
  });

  it('exits 0 within a few seconds of SIGTERM', async () => {
    writeFiles(dir(), { 'intent.yaml': intentYaml(), 'eu.json': snapshots.inSync() });
    const running = await serve();

    const started = Date.now();
    const code = await Promise.race([
      running.stop(),
      new Promise((resolve) => setTimeout(() => resolve('still running after 5s'), 5_000)),
    ]);

    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('publishes the exact exposition text for one workload with two pods', async () => {
    const files = writeFiles(dir(), { 'intent.yaml': intentYaml(), 'eu.json': snapshots.inSync() });
    setModified(files['eu.json'] as string, 1_780_000_000_000);
    const before = Date.now() / 1000;
    await serve('defaults: { maxAge: "0" }');

    const lines = (await metrics())
      .split('\n')
      .filter((line) => /^(# (HELP|TYPE) )?realitycheck_/.test(line))
      // The revision comes from REALITYCHECK_REVISION, which a build may set.
      .map((line) => line.replace(/revision="[^"]*"/, 'revision="<revision>"'));
    const loadedAt = lines.findIndex((l) =>
      l.startsWith('realitycheck_intent_last_load_timestamp_seconds '),
    );
    const loadTime = Number(lines[loadedAt]?.split(' ')[1]);
    expect(loadTime).toBeGreaterThanOrEqual(Math.floor(before));
    expect(loadTime).toBeLessThanOrEqual(Date.now() / 1000);
    lines[loadedAt] = 'realitycheck_intent_last_load_timestamp_seconds <load time>';

    expect(lines.join('\n')).toBe(EXPECTED_EXPOSITION);
  });
});

const API_DIGEST = 'sha256:ce09eed286435a54ef32325c2674e93b1cebd5a01d40b1a4f7299bab58235e6e';

/** The realitycheck_* lines for shop/api with two pods on its intended 1.4, written out in full. */
const EXPECTED_EXPOSITION = `# HELP realitycheck_build_info The version and revision of the running exporter; always 1.
# TYPE realitycheck_build_info gauge
realitycheck_build_info{version="0.1.0",revision="<revision>"} 1
# HELP realitycheck_intent_load_success Whether the last load of the intent succeeded (1) or failed and the last good intent is still in force (0).
# TYPE realitycheck_intent_load_success gauge
realitycheck_intent_load_success 1
# HELP realitycheck_intent_last_load_timestamp_seconds When the intent in force was last loaded successfully; absent until a load succeeds.
# TYPE realitycheck_intent_last_load_timestamp_seconds gauge
realitycheck_intent_last_load_timestamp_seconds <load time>
# HELP realitycheck_source_up 1 when the region's source answered its last sync, else 0.
# TYPE realitycheck_source_up gauge
realitycheck_source_up{region="eu"} 1
# HELP realitycheck_source_last_sync_timestamp_seconds When the region's data was last fresh; absent for a region that never synced.
# TYPE realitycheck_source_last_sync_timestamp_seconds gauge
realitycheck_source_last_sync_timestamp_seconds{region="eu"} 1780000000
# HELP realitycheck_instances Running containers per digest, version and releases_behind (0, 1, ..., unexpected, pending, unknown); digests beyond the per-workload limit are summed under digest="other".
# TYPE realitycheck_instances gauge
realitycheck_instances{region="eu",namespace="shop",workload="api",container="app",digest="${API_DIGEST}",version="1.4",releases_behind="0"} 2
# HELP realitycheck_intended_info The intended digest and version of each container of a workload in a region; always 1.
# TYPE realitycheck_intended_info gauge
realitycheck_intended_info{region="eu",namespace="shop",workload="api",container="app",digest="${API_DIGEST}",version="1.4"} 1
# HELP realitycheck_unparsed_image_ids Containers of a workload whose imageID parsed as no known form; counted as unknown, never dropped.
# TYPE realitycheck_unparsed_image_ids gauge
realitycheck_unparsed_image_ids{region="eu",namespace="shop",workload="api"} 0
# HELP realitycheck_digests_folded Distinct digests of a workload folded into digest="other" of realitycheck_instances to bound cardinality.
# TYPE realitycheck_digests_folded gauge
realitycheck_digests_folded{region="eu",namespace="shop",workload="api"} 0
# HELP realitycheck_digest_mismatch_ratio Share (0..1) of serving instances of a container not on an intended digest; absent when nothing serves or the region is blind.
# TYPE realitycheck_digest_mismatch_ratio gauge
realitycheck_digest_mismatch_ratio{region="eu",namespace="shop",workload="api",container="app"} 0
# HELP realitycheck_mismatch_since_timestamp_seconds When the current mismatch of a workload began, per check; absent while in sync.
# TYPE realitycheck_mismatch_since_timestamp_seconds gauge
# HELP realitycheck_findings Open findings per workload, check and class (a finding is one discrepancy, not one instance); every class of the digest check is 0 for a verified workload without findings.
# TYPE realitycheck_findings gauge
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="unexpected"} 0
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="stale"} 0
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="drift"} 0
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="invalid"} 0
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="unknown"} 0
realitycheck_findings{region="eu",namespace="shop",workload="api",check="digest",class="converging"} 0
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
realitycheck_config_mismatch_ratio{region="eu",namespace="shop",workload="api",container="app"} 0
# HELP realitycheck_env_mismatch_instances Serving instances whose environment variable differs from the intended value (names only, never values); 0 for every intended variable that matches.
# TYPE realitycheck_env_mismatch_instances gauge
# HELP realitycheck_flag_mismatch_instances Probed instances whose reported feature flag differs from the intended value; 0 for every intended flag that matches.
# TYPE realitycheck_flag_mismatch_instances gauge
# HELP realitycheck_inline_secret_env A credential-like environment variable set as a literal value instead of secretKeyRef (the variable name only); always 1.
# TYPE realitycheck_inline_secret_env gauge
# HELP realitycheck_probe_failing_instances Instances of a probed workload whose last self-report probe failed (timeout, refused, not 200, unreadable); what they report is unknown.
# TYPE realitycheck_probe_failing_instances gauge
# HELP realitycheck_probe_failures_total Self-report probes of instances of a workload that failed since the exporter started.
# TYPE realitycheck_probe_failures_total counter`;
