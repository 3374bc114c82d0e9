/**
 * What the stack tests read: the files of the stack (rules, dashboards,
 * compose, provisioning), the metric names they mention, and the command
 * line tools that check them (promtool, amtool, docker-compose).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { parse } from 'yaml';

import { REPO } from '../support/exporter.js';

export { REPO };

/** Paths of the stack, from the repository root. */
export const PATHS = {
  rules: join(REPO, 'deploy', 'prometheus', 'realitycheck.rules.yml'),
  rulesTest: join(REPO, 'deploy', 'prometheus', 'realitycheck.rules.test.yml'),
  prometheusConfig: join(REPO, 'deploy', 'prometheus', 'prometheus.compose.yml'),
  alertmanager: join(REPO, 'deploy', 'alertmanager', 'alertmanager.yml'),
  runbook: join(REPO, 'docs', 'runbook.md'),
  dashboards: join(REPO, 'dashboards'),
  compose: join(REPO, 'docker-compose.yml'),
  dockerfile: join(REPO, 'Dockerfile'),
  dockerignore: join(REPO, '.dockerignore'),
  provisioning: join(REPO, 'deploy', 'grafana', 'provisioning'),
  pluginSrc: join(REPO, 'grafana-plugin', 'src'),
} as const;

/** A command's exit status and everything it printed. */
export interface ToolRun {
  status: number | null;
  /** Standard output alone (amtool warns on stderr). */
  stdout: string;
  /** Standard output and error together, for failure messages. */
  output: string;
}

/** No tool here runs longer than this; a hang fails the test instead of stalling it. */
const TOOL_TIMEOUT_MS = 60_000;

/**
 * The absolute path of a command line tool. Fails, never skips, when it is
 * missing: `npm test` installs it (scripts/ensure-system-tools.sh), and a
 * check that quietly skips would leave the stack unchecked.
 */
export function requireTool(name: 'promtool' | 'amtool' | 'docker-compose'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not on PATH: run scripts/ensure-system-tools.sh (Debian packages)`);
}

/** Runs a tool to completion in the repository root. */
export function runTool(
  name: Parameters<typeof requireTool>[0],
  args: string[],
  cwd = REPO,
): ToolRun {
  const result = spawnSync(requireTool(name), args, {
    cwd,
    encoding: 'utf8',
    timeout: TOOL_TIMEOUT_MS,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout,
    output: `${result.stdout}${result.stderr}`,
  };
}

/** A YAML file of the repository, parsed. */
export function readYaml<T = Record<string, unknown>>(path: string): T {
  return parse(readFileSync(path, 'utf8')) as T;
}

/** One query target of a dashboard panel. */
export interface Target {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}

/** A dashboard panel, as far as the tests read it. */
export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  options?: Record<string, unknown>;
  datasource?: { type?: string; uid?: string };
}

/** A dashboard variable, as far as the tests read it. */
export interface Variable {
  name: string;
  type: string;
  definition?: string;
  current?: { value?: unknown };
}

/** A dashboard, as far as the tests read it. */
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
}

/** Every dashboard JSON file of dashboards/, parsed, by file name. */
export function readDashboards(): Map<string, Dashboard> {
  const files = readdirSync(PATHS.dashboards).filter((name) => name.endsWith('.json'));
  return new Map(
    files.map((name) => [name, JSON.parse(readFileSync(join(PATHS.dashboards, name), 'utf8'))]),
  );
}

/** Every PromQL expression of a dashboard: its panels' targets and its variables' queries. */
export function dashboardQueries(dashboard: Dashboard): string[] {
  const targets = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((t) => t.expr);
  const variables = dashboard.templating.list
    .map((variable) => variable.definition)
    .filter((query): query is string => query !== undefined);
  return [...targets, ...variables];
}

/**
 * The realitycheck metric names a text mentions: `realitycheck_*` series
 * and `realitycheck:*` recording rules. Alert names (`Realitycheck...`),
 * uids (`realitycheck-...`) and file names (`realitycheck.rules.yml`) are
 * not metric names and do not match.
 */
export function metricNamesIn(text: string): Set<string> {
  const pattern = /\brealitycheck(?::[a-zA-Z0-9_]+)+|\brealitycheck_[a-zA-Z0-9_]+/g;
  return new Set(text.match(pattern) ?? []);
}

/** The alerting and recording rules of a Prometheus rule file. */
export interface RuleFile {
  groups: {
    name: string;
    rules: {
      alert?: string;
      record?: string;
      expr: string;
      for?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }[];
  }[];
}

/** The rules of realitycheck.rules.yml, flattened. */
export function readRules(): RuleFile['groups'][number]['rules'] {
  return readYaml<RuleFile>(PATHS.rules).groups.flatMap((group) => group.rules);
}

/** Every non-test source file of the panel plugin, recursively. */
export function pluginSources(dir = PATHS.pluginSrc): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : pluginSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
