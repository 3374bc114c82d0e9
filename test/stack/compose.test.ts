/**
 * The compose stack, checked without a container engine: docker-compose
 * parses it, every file it mounts exists, the Prometheus config loads with
 * the rules, Grafana's provisioning points where the stack puts things, and
 * the Dockerfile builds the exporter workspace into a non-root image.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PATHS, readDashboards, readYaml, REPO, runTool } from './support.js';

interface Service {
  build?: { context: string; target?: string };
  image?: string;
  volumes?: string[];
  environment?: Record<string, string>;
  ports?: string[];
}

const compose = readYaml<{ services: Record<string, Service> }>(PATHS.compose);
const services = compose.services;

/** The volumes of a service as host path (absolute) and container path. */
function mounts(service: Service): { host: string; container: string }[] {
  return (service.volumes ?? []).map((volume) => {
    const [host, container] = volume.split(':');
    return { host: resolve(REPO, host!), container: container! };
  });
}

/** Where a repository path is mounted in a service. */
function mountTarget(service: Service, repoPath: string): string | undefined {
  return mounts(service).find((m) => m.host === join(REPO, repoPath))?.container;
}

describe('docker-compose.yml', () => {
  it('parses with docker-compose config', () => {
    const run = runTool('docker-compose', ['-f', PATHS.compose, 'config']);

    expect(run.status, run.output).toBe(0);
  });

  it('runs the exporter, Prometheus, Alertmanager and Grafana', () => {
    expect(Object.keys(services).sort()).toEqual([
      'alertmanager',
      'exporter',
      'grafana',
      'prometheus',
    ]);
    expect(services.exporter!.build).toEqual({ context: '.', target: 'demo' });
  });

  it('mounts only files and folders that exist (the plugin once built)', () => {
    const missing = Object.values(services)
      .flatMap(mounts)
      .map((m) => m.host)
      .filter((host) => !existsSync(host));

    expect(missing, 'build the panel with `npm run build` for grafana-plugin/dist').toEqual([]);
    const plugin = mountTarget(services.grafana!, 'grafana-plugin/dist');
    expect(plugin).toBe('/var/lib/grafana/plugins/realitycheck-skewmap-panel');
    expect(existsSync(join(REPO, 'grafana-plugin', 'dist', 'plugin.json'))).toBe(true);
  });

  it('publishes ports on loopback only', () => {
    const ports = Object.values(services).flatMap((s) => s.ports ?? []);

    expect(ports.length).toBe(4);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('lets Grafana load the unsigned panel by its plugin id, and no other', () => {
    const plugin = JSON.parse(readFileSync(join(PATHS.pluginSrc, 'plugin.json'), 'utf8'));
    const allowed = services.grafana!.environment!.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS;

    expect(allowed).toBe(plugin.id);
    expect(allowed).toBe('realitycheck-skewmap-panel');
  });
});

describe('Prometheus of the stack', () => {
  const config = readYaml<{
    rule_files: string[];
    alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    scrape_configs: {
      job_name: string;
      honor_labels?: boolean;
      static_configs: { targets: string[] }[];
    }[];
  }>(PATHS.prometheusConfig);

  it('loads its config and the rules it names (promtool check config)', () => {
    const rulesIn = mountTarget(services.prometheus!, 'deploy/prometheus/realitycheck.rules.yml');
    expect(config.rule_files).toEqual([rulesIn]);

    const dir = mkdtempSync(join(tmpdir(), 'realitycheck-compose-'));
    try {
      const local = readFileSync(PATHS.prometheusConfig, 'utf8').replace(rulesIn!, PATHS.rules);
      writeFileSync(join(dir, 'prometheus.yml'), local);
      const run = runTool('promtool', ['check', 'config', join(dir, 'prometheus.yml')]);

      expect(run.status, run.output).toBe(0);
      expect(run.output).toContain('SUCCESS: 1 rule files found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scrapes the exporter service with honor_labels and alerts the alertmanager service', () => {
    const [job] = config.scrape_configs;

    expect(job!.honor_labels).toBe(true);
    expect(job!.static_configs[0]!.targets).toEqual(['exporter:9847']);
    expect(config.alerting.alertmanagers[0]!.static_configs[0]!.targets).toEqual([
      'alertmanager:9093',
    ]);
    expect(mountTarget(services.prometheus!, 'deploy/prometheus/prometheus.compose.yml')).toBe(
      '/etc/prometheus/prometheus.yml',
    );
  });
});

describe('Grafana provisioning', () => {
  const provisioning = mountTarget(services.grafana!, 'deploy/grafana/provisioning');
  const datasources = readYaml<{
    apiVersion: number;
    datasources: { uid: string; type: string; url: string; access: string }[];
  }>(join(PATHS.provisioning, 'datasources', 'realitycheck.yml'));
  const providers = readYaml<{
    apiVersion: number;
    providers: { name: string; type: string; options: { path: string } }[];
  }>(join(PATHS.provisioning, 'dashboards', 'realitycheck.yml'));

  it('is mounted where Grafana reads provisioning', () => {
    expect(provisioning).toBe('/etc/grafana/provisioning');
  });

  it('provisions the stack Prometheus under the uid the dashboards default to', () => {
    const [prometheus] = datasources.datasources;
    const defaults = [...readDashboards().values()].map(
      (d) => d.templating.list.find((v) => v.name === 'datasource')?.current?.value,
    );

    expect(datasources.apiVersion).toBe(1);
    expect(prometheus).toMatchObject({ type: 'prometheus', access: 'proxy' });
    expect(prometheus!.url).toBe('http://prometheus:9090');
    expect(new Set(defaults)).toEqual(new Set([prometheus!.uid]));
  });

  it('loads dashboards from the folder the stack mounts dashboards/ at', () => {
    const [provider] = providers.providers;

    expect(providers.apiVersion).toBe(1);
    expect(provider!.type).toBe('file');
    expect(provider!.options.path).toBe(mountTarget(services.grafana!, 'dashboards'));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(PATHS.dockerfile, 'utf8');
  const ignored = readFileSync(PATHS.dockerignore, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

  it('builds in stages and runs as the unprivileged node user', () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);

    expect(stages).toEqual(['build', 'deps', 'exporter', 'demo', 'runtime']);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toMatch(/^USER root$/m);
  });

  it('installs and builds the exporter workspace only, and runs realitycheck serve', () => {
    const installs = [...dockerfile.matchAll(/RUN npm ci [^\n]*/g)].map((m) => m[0]);

    expect(installs.length).toBe(2);
    for (const install of installs) expect(install).toContain('--workspace exporter');
    expect(dockerfile).toMatch(/--omit=dev/);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "/app/exporter/dist/cli/main.js"]');
    expect(dockerfile).toMatch(/^CMD \["serve"/m);
  });

  it('copies only files that exist and that .dockerignore lets in', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap(
      (m) => m[1]!.split(' '),
    );
    const excluded = (path: string) =>
      ignored.some((rule) => {
        const prefix = rule.replace(/^\*\*\//, '').replace(/\/?\*$/, '');
        return !rule.startsWith('!') && (path === prefix || path.startsWith(`${prefix}/`));
      }) && !ignored.includes(`!${path}`);

    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(REPO, source)), source).toBe(true);
      expect(excluded(source), `${source} is excluded by .dockerignore`).toBe(false);
    }
  });
});
