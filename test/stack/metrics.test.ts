/**
 * Every metric the dashboards, the rules and the panel name exists: in the
 * exposition of the real exporter running on the demo, as a recording rule
 * of realitycheck.rules.yml, or (for the families the exporter does not
 * publish yet: config, env, flag, traffic, inline secrets) in the metric
 * contract v1 of DESIGN.md. Dashboards keep to the contract strictly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { metricNamesIn, PATHS, pluginSources, readRules, REPO } from './support.js';

/**
 * The metric contract v1 (DESIGN.md, "Metric contract (v1)"). Held here so
 * the check runs in any checkout; compared with DESIGN.md below whenever the
 * team's copy sits beside the repository.
 */
const CONTRACT_V1 = [
  'realitycheck_instances',
  'realitycheck_intended_info',
  'realitycheck_digest_mismatch_ratio',
  'realitycheck_config_mismatch_ratio',
  'realitycheck_env_mismatch_instances',
  'realitycheck_flag_mismatch_instances',
  'realitycheck_traffic_weight_ratio',
  'realitycheck_traffic_deviation_ratio',
  'realitycheck_findings',
  'realitycheck_inline_secret_env',
  'realitycheck_source_up',
  'realitycheck_source_last_sync_timestamp_seconds',
  'realitycheck_mismatch_since_timestamp_seconds',
  'realitycheck_intent_load_success',
  'realitycheck_intent_last_load_timestamp_seconds',
  'realitycheck_build_info',
];
const DESIGN = join(REPO, '..', 'shared', 'DESIGN.md');

const DEMO = join(REPO, 'examples', 'demo');
const DEMO_REGIONS = ['eu-west', 'us-east', 'ap-south', 'edge-fra'];

/** The demo's last frame of each region, as play.mjs would have published it by the end. */
function demoServeArgs(): string[] {
  const steps = readdirSync(join(DEMO, 'frames')).sort().reverse();
  const snapshots = DEMO_REGIONS.flatMap((region) => {
    const step = steps.find((s) => existsSync(join(DEMO, 'frames', s, `${region}.json`)));
    return ['--snapshot', `${region}=${join(DEMO, 'frames', step!, `${region}.json`)}`];
  });
  // --max-age 0: committed frames are as old as the checkout, not stale data.
  return ['--intent', join(DEMO, 'intent.yaml'), '--max-age', '0', ...snapshots];
}

/** Metric families of an exposition: every `# TYPE` line and every sample's name. */
function exposedFamilies(text: string): Set<string> {
  const types = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
  const samples = [...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)].map((m) => m[1]!);
  return new Set([...types, ...samples]);
}

const recorded = new Set(readRules().flatMap((rule) => (rule.record ? [rule.record] : [])));
const dashboardFiles = readdirSync(PATHS.dashboards).map((name) => join(PATHS.dashboards, name));

/** The metric names each consumer of the metrics mentions, by file. */
const consumers: [string, Set<string>][] = [
  ...dashboardFiles,
  PATHS.rules,
  PATHS.rulesTest,
  ...pluginSources(),
].map((file) => [file.slice(REPO.length + 1), metricNamesIn(readFileSync(file, 'utf8'))]);

describe('metric names across the stack', () => {
  let exporter: ExporterProcess | undefined;
  let exposed = new Set<string>();

  beforeAll(async () => {
    exporter = await startExporter(demoServeArgs(), await freePort());
    exposed = exposedFamilies(await (await fetch(`${exporter.url}/metrics`)).text());
  });

  afterAll(async () => {
    await exporter?.stop();
  });

  it('find the names they check in every consumer (the check is not vacuous)', () => {
    const named = new Set(consumers.flatMap(([, names]) => [...names]));

    expect(named).toContain('realitycheck_instances');
    expect(named).toContain('realitycheck_source_up');
    expect(named).toContain('realitycheck:instances:sum_by_region_releases_behind');
    expect(exposed).toContain('realitycheck_instances');
  });

  it('are exported by the exporter on the demo, recorded by a rule, or reserved by the contract', () => {
    const unknown = consumers.flatMap(([file, names]) =>
      [...names]
        .filter((name) => !exposed.has(name) && !recorded.has(name) && !CONTRACT_V1.includes(name))
        .map((name) => `${file}: ${name}`),
    );

    expect(unknown).toEqual([]);
  });

  it('in dashboards, are metrics of the contract or recording rules only', () => {
    const outside = consumers
      .filter(([file]) => file.startsWith('dashboards/'))
      .flatMap(([file, names]) =>
        [...names]
          .filter((name) => !recorded.has(name) && !CONTRACT_V1.includes(name))
          .map((name) => `${file}: ${name}`),
      );

    expect(outside).toEqual([]);
  });

  it('in the panel, name what `sum by (region, releases_behind) (realitycheck_instances)` needs', () => {
    const panel = consumers.filter(([file]) => file.startsWith('grafana-plugin/'));
    const names = new Set(panel.flatMap(([, found]) => [...found]));

    expect(panel.length).toBeGreaterThan(0);
    expect([...names].filter((name) => !exposed.has(name))).toEqual([]);
  });
});

describe.runIf(existsSync(DESIGN))('the contract list of these tests', () => {
  it("is DESIGN.md's metric contract v1", () => {
    const design = readFileSync(DESIGN, 'utf8');
    const section = design.slice(design.indexOf('## Metric contract (v1)'));
    const table = section.slice(0, section.indexOf('\n## ', 1));
    // A row may name a sibling by suffix: `realitycheck_intent_load_success` / `_last_load_...`.
    const names = [...table.matchAll(/^\| `(realitycheck_\w+)`(?: \/ `(_\w+)`)? \|/gm)].flatMap(
      (m) => (m[2] ? [m[1]!, `realitycheck_intent${m[2]}`] : [m[1]!]),
    );

    expect(names.sort()).toEqual([...CONTRACT_V1].sort());
  });
});
