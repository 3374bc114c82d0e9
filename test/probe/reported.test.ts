/**
 * The reported layer end to end: the built exporter probes pods whose IP
 * is 127.0.0.1, and small HTTP servers on loopback pose as their instances.
 * One answers the intended JSON report, one a differing flag, one its own
 * Prometheus text, one is slow, one fails, one refuses, and one lies about
 * its version.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  answering,
  closedPort,
  hanging,
  startInstance,
  type FakeInstance,
} from '../../exporter/src/sources/testing/instance-server.js';
import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { sample, waitForMetrics } from '../traffic/support/metrics.js';
import { writeWorld, type ProbedWorkload, type World } from './support/world.js';

const INTENDED_FLAGS = { 'new-checkout': true, 'max-items': 50 };
const report = (version: string, flags: object = INTENDED_FLAGS) => ({
  version,
  revision: '4f2c1e9',
  flags,
});
const PROMETHEUS_TEXT = [
  '# HELP search_build_info Build of search.',
  '# TYPE search_build_info gauge',
  'search_build_info{version="1.15.0",revision="4f2c1e9"} 1',
  'search_feature_flag{flag="new-checkout"} 1',
  'search_feature_flag{flag="max-items"} 50',
  'process_cpu_seconds_total 12.5',
].join('\n');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const INSTANCES: Record<string, Handler> = {
  checkout: answering(report('1.15.0')),
  cart: answering(report('1.15.0', { 'new-checkout': false, 'max-items': 50 })),
  search: answering(PROMETHEUS_TEXT),
  slow: hanging(),
  broken: answering('internal error', 500),
  liar: answering(report('1.14.2')),
};

const workloadLabels = (workload: string) => ({ region: 'eu-west', namespace: 'shop', workload });
const findings = (workload: string, check: string, findingClass: string) => ({
  ...workloadLabels(workload),
  check,
  class: findingClass,
});

let servers: FakeInstance[] = [];
let world: World;
let exporter: ExporterProcess;
let metrics: string;

beforeAll(async () => {
  const workloads: ProbedWorkload[] = [];
  for (const [name, handler] of Object.entries(INSTANCES)) {
    const server = await startInstance(handler);
    servers.push(server);
    workloads.push({ name, port: server.port, format: name === 'search' ? 'prometheus' : 'json' });
  }
  workloads.push({ name: 'gone', port: await closedPort() });
  world = writeWorld(workloads);
  exporter = await startExporter(['--config', world.config], await freePort());
  // Two rounds of probes at least: the failure counter has then grown past the first round.
  metrics = await waitForMetrics(
    exporter.url,
    (text) => (sample(text, 'realitycheck_probe_failures_total', workloadLabels('slow')) ?? 0) >= 4,
    15_000,
    'two rounds of probes',
  );
});

afterAll(async () => {
  await exporter?.stop();
  for (const server of servers) await server.close();
  servers = [];
  world?.remove();
});

describe('the built exporter probing instances on loopback', () => {
  it('finds nothing for instances whose JSON report matches the intent', () => {
    expect(sample(metrics, 'realitycheck_findings', findings('checkout', 'flag', 'drift'))).toBe(0);
    expect(
      sample(metrics, 'realitycheck_flag_mismatch_instances', {
        ...workloadLabels('checkout'),
        flag: 'new-checkout',
      }),
    ).toBe(0);
    expect(
      sample(metrics, 'realitycheck_probe_failing_instances', workloadLabels('checkout')),
    ).toBe(0);
  });

  it('reports a differing flag as drift, by flag name', () => {
    const cart = workloadLabels('cart');

    expect(sample(metrics, 'realitycheck_findings', findings('cart', 'flag', 'drift'))).toBe(1);
    expect(
      sample(metrics, 'realitycheck_flag_mismatch_instances', { ...cart, flag: 'new-checkout' }),
    ).toBe(2);
    expect(
      sample(metrics, 'realitycheck_flag_mismatch_instances', { ...cart, flag: 'max-items' }),
    ).toBe(0);
  });

  it('reads a Prometheus text report the same way', () => {
    const search = workloadLabels('search');

    expect(sample(metrics, 'realitycheck_findings', findings('search', 'flag', 'drift'))).toBe(0);
    expect(sample(metrics, 'realitycheck_findings', findings('search', 'flag', 'unknown'))).toBe(0);
    expect(
      sample(metrics, 'realitycheck_flag_mismatch_instances', { ...search, flag: 'new-checkout' }),
    ).toBe(0);
  });

  it.each(['slow', 'broken', 'gone'])(
    'keeps the %s instances unknown and counted, never drift',
    (name) => {
      expect(sample(metrics, 'realitycheck_findings', findings(name, 'flag', 'unknown'))).toBe(1);
      expect(sample(metrics, 'realitycheck_findings', findings(name, 'flag', 'drift'))).toBe(0);
      expect(sample(metrics, 'realitycheck_probe_failing_instances', workloadLabels(name))).toBe(2);
      expect(
        sample(metrics, 'realitycheck_probe_failures_total', workloadLabels(name)),
      ).toBeGreaterThanOrEqual(2);
    },
  );

  it('reports an instance that claims 1.14.2 on the digest of 1.15.0 as unexpected', () => {
    expect(sample(metrics, 'realitycheck_findings', findings('liar', 'digest', 'unexpected'))).toBe(
      1,
    );
    expect(
      sample(metrics, 'realitycheck_findings', findings('checkout', 'digest', 'unexpected')),
    ).toBe(0);
  });

  it('logs a failing workload once, not once per round', () => {
    const warnings = exporter
      .stderr()
      .split('\n')
      .filter((line) => line.includes('instance probes failed'));

    expect(warnings.filter((line) => line.includes('"workload":"slow"'))).toHaveLength(1);
    expect(warnings.map((line) => JSON.parse(line).workload).sort()).toEqual([
      'broken',
      'gone',
      'slow',
    ]);
  });
});
