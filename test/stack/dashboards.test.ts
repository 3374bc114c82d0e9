/**
 * The Grafana dashboards: JSON of the Grafana version the panel plugin
 * targets, valid PromQL in every query, the variables and data source the
 * stack provisions, and skew-map panels that use only options the plugin has.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import {
  dashboardQueries,
  PATHS,
  readDashboards,
  REPO,
  runTool,
  type Dashboard,
  type Panel,
} from './support.js';

const SKEW_MAP = 'realitycheck-skewmap-panel';
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const dashboards = readDashboards();
const all = [...dashboards.values()];
const byUid = (uid: string): Dashboard => all.find((d) => d.uid === uid)!;

/** The dashboard schemaVersion of the @grafana/schema the plugin builds against. */
function grafanaSchemaVersion(): number {
  const file = join(
    REPO,
    ...['node_modules', '@grafana', 'schema', 'dist', 'esm', 'raw', 'dashboard', 'x'],
    'types.gen.mjs',
  );
  const match = /schemaVersion: (\d+)/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no default schemaVersion in ${file}`);
  return Number(match[1]);
}

/**
 * The options the plugin declares: the `path` of each option in its
 * builder (grafana-plugin/src/module.ts) and the type of its default
 * (DEFAULT_OPTIONS in types.ts). Read from source, so a renamed option
 * fails here before a dashboard silently loses it.
 */
function pluginOptions(): Map<string, 'string' | 'number'> {
  const module = readFileSync(join(PATHS.pluginSrc, 'module.ts'), 'utf8');
  const types = readFileSync(join(PATHS.pluginSrc, 'types.ts'), 'utf8');
  const defaults = /DEFAULT_OPTIONS[^=]*=\s*\{([^}]*)\}/.exec(types)?.[1] ?? '';
  const kinds = new Map(
    [...defaults.matchAll(/(\w+):\s*('|\d)/g)].map((m) => [
      m[1]!,
      m[2] === "'" ? ('string' as const) : ('number' as const),
    ]),
  );
  const paths = [...module.matchAll(/path:\s*'(\w+)'/g)].map((m) => m[1]!);
  return new Map(paths.map((path) => [path, kinds.get(path) ?? 'string']));
}

/** Grafana's variables replaced by values PromQL accepts, for a syntax check. */
function withVariablesFilledIn(expr: string): string {
  return expr
    .replace(/\$__range_s/g, '3600')
    .replace(/\$__(range|interval|rate_interval)/g, '1h')
    .replace(/\$\{?\w+\}?/g, '.*');
}

const skewMaps = (): [string, Panel][] =>
  all.flatMap((d) =>
    d.panels.filter((p) => p.type === SKEW_MAP).map((p): [string, Panel] => [d.uid, p]),
  );

describe('dashboards', () => {
  it('are the overview, the workload drill-down and the capacity review', () => {
    expect(all.map((d) => d.uid).sort()).toEqual([
      'realitycheck-capacity',
      'realitycheck-overview',
      'realitycheck-workload',
    ]);
  });

  it('use the schemaVersion of the Grafana the panel plugin targets', () => {
    const plugin = JSON.parse(readFileSync(join(PATHS.pluginSrc, 'plugin.json'), 'utf8'));
    const schema = JSON.parse(
      readFileSync(join(REPO, 'node_modules', '@grafana', 'schema', 'package.json'), 'utf8'),
    );
    const targetMajor = /(\d+)\./.exec(plugin.dependencies.grafanaDependency)?.[1];

    expect(schema.version.split('.')[0]).toBe(targetMajor);
    for (const dashboard of all) expect(dashboard.schemaVersion).toBe(grafanaSchemaVersion());
  });

  it('give every panel a unique id and a place on the 24-column grid', () => {
    for (const dashboard of all) {
      const ids = dashboard.panels.map((p) => p.id);
      expect(new Set(ids).size, dashboard.uid).toBe(ids.length);
      for (const { gridPos, title } of dashboard.panels) {
        expect(gridPos.x + gridPos.w, `${dashboard.uid}: ${title}`).toBeLessThanOrEqual(24);
      }
    }
  });

  it('query the data source variable, which defaults to the provisioned Prometheus', () => {
    for (const dashboard of all) {
      const variable = dashboard.templating.list.find((v) => v.name === 'datasource');
      expect(variable?.type, dashboard.uid).toBe('datasource');
      expect(variable?.current?.value).toBe('realitycheck-prometheus');
      const targets = dashboard.panels.flatMap((p) => p.targets ?? []);
      for (const target of targets) expect(target.datasource, target.expr).toEqual(DATASOURCE);
    }
  });

  it('take region, namespace and workload from label_values(realitycheck_instances, ...)', () => {
    for (const uid of ['realitycheck-overview', 'realitycheck-workload']) {
      const variables = byUid(uid).templating.list.filter((v) => v.type === 'query');
      expect(variables.map((v) => v.name)).toEqual(['region', 'namespace', 'workload']);
      for (const { name, definition } of variables) {
        expect(definition).toMatch(
          new RegExp(`^label_values\\(realitycheck_instances.*, ${name}\\)$`),
        );
      }
    }
  });

  it('hold only valid PromQL (promtool checks each query as a recording rule)', () => {
    const rules = all.flatMap((dashboard) =>
      dashboardQueries(dashboard).map((expr, index) => ({
        record: `dashboard:${dashboard.uid.replace(/-/g, '_')}:${index}`,
        expr: withVariablesFilledIn(expr.replace(/^label_values\((.*), *\w+\)$/, '$1')),
      })),
    );
    const dir = mkdtempSync(join(tmpdir(), 'realitycheck-dashboards-'));
    try {
      const file = join(dir, 'queries.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules }] }));
      const run = runTool('promtool', ['check', 'rules', file]);

      expect(rules.length).toBeGreaterThan(30);
      expect(run.status, run.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("show every region's source health in the overview, whatever the region filter", () => {
    const overview = byUid('realitycheck-overview');
    const health = overview.panels.filter((p) => /source health|blind/i.test(p.title));
    const queries = health.flatMap((p) => p.targets ?? []).map((t) => t.expr);

    expect(health.length).toBeGreaterThanOrEqual(2);
    for (const query of queries) {
      expect(query).toContain('realitycheck_source_up');
      expect(query).not.toContain('$region');
    }
  });

  it('open the overview with blind regions and action items, before the skew map', () => {
    const overview = byUid('realitycheck-overview');
    const top = (title: RegExp) =>
      Math.min(...overview.panels.filter((p) => title.test(p.title)).map((p) => p.gridPos.y));

    expect(top(/^Blind regions$/)).toBe(0);
    expect(top(/^Action items$/)).toBe(0);
    expect(top(/^Version skew/)).toBeGreaterThan(top(/^Action items$/));
  });

  it('build the capacity review on the recording rules', () => {
    const queries = dashboardQueries(byUid('realitycheck-capacity')).join('\n');

    expect(queries).toContain('realitycheck:instances:sum_by_region_releases_behind');
    expect(queries).toContain('realitycheck:instance_hours_1h:sum_by_region_releases_behind');
  });
});

describe('skew-map panels', () => {
  it('exist in the overview (by region) and the drill-down', () => {
    const rows = skewMaps().map(([uid, panel]) => `${uid}:${panel.options?.rowLabels}`);

    expect(rows).toContain('realitycheck-overview:region');
    expect(rows.some((row) => row.startsWith('realitycheck-workload:'))).toBe(true);
  });

  it('use only options the plugin defines, with the type of their defaults', () => {
    const options = pluginOptions();
    expect(options.size, 'no option paths found in grafana-plugin/src/module.ts').toBeGreaterThan(
      0,
    );

    for (const [uid, panel] of skewMaps()) {
      for (const [key, value] of Object.entries(panel.options ?? {})) {
        const where = `${uid} "${panel.title}" option ${key}`;
        expect(options.has(key), `${where} is not an option of the plugin`).toBe(true);
        expect(typeof value, where).toBe(options.get(key));
      }
    }
  });

  it('name the counts query by a refId the panel has', () => {
    for (const [uid, panel] of skewMaps()) {
      const refIds = (panel.targets ?? []).map((t) => t.refId);
      expect(refIds, `${uid} "${panel.title}"`).toContain(panel.options?.skewQuery);
      const counts = panel.targets!.find((t) => t.refId === panel.options?.skewQuery)!;
      expect(counts.expr).toMatch(/^sum by \(.*releases_behind\) \(realitycheck_instances\{/);
    }
  });
});
