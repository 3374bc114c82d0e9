/**
 * The 30% case end to end: the route declares 100/0, a real Prometheus holds
 * Istio request counters that split 70/30, and the built exporter queries it.
 * Converging within the settle window, drift after it, recovered when the
 * counters follow the route. A Prometheus that is down or answers garbage
 * leaves the observed layer unknown and everything else verified.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { startPrometheus, type PrometheusProcess } from '../support/prometheus.js';
import { startGarbageServer, startIstioTarget, type IstioTarget } from './support/istio-target.js';
import { sample, waitForMetrics } from './support/metrics.js';
import { writeWorld, type World } from './support/world.js';

const SETTLE_SECONDS = 12;
const CHECKOUT = { region: 'eu-west', namespace: 'shop', workload: 'checkout' };
const traffic = (findingClass: string) => ({ ...CHECKOUT, check: 'traffic', class: findingClass });
const observed = (backend: string) => ({ ...CHECKOUT, backend, layer: 'observed' });

let cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  // Newest first: the exporter before the Prometheus it queries, files last.
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function serve(world: World): Promise<ExporterProcess> {
  const exporter = await startExporter(['--config', world.config], await freePort());
  cleanups.push(() => exporter.stop());
  return exporter;
}

describe('observed traffic from a real Prometheus', () => {
  it('reports 70/30 against a declared 100/0 as converging, then drift, then recovered', async () => {
    const target: IstioTarget = await startIstioTarget('shop', 'checkout', { v15: 70, v14: 30 });
    cleanups.push(() => target.close());
    const prometheus: PrometheusProcess = await startPrometheus(target.target);
    cleanups.push(() => prometheus.stop());

    const changedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const world = writeWorld({
      prometheus: `{ url: "${prometheus.url}", window: 5s, minRequests: 1, interval: 1s, timeout: 2s }`,
      routeChangedAt: changedAt,
      settle: `${SETTLE_SECONDS}s`,
    });
    cleanups.push(() => world.remove());
    const exporter = await serve(world);
    const settleEnds = changedAt.getTime() + SETTLE_SECONDS * 1000;

    const converging = await waitForMetrics(
      exporter.url,
      (text) => sample(text, 'realitycheck_findings', traffic('converging')) === 1,
      SETTLE_SECONDS * 1000,
      'converging traffic finding',
    );
    expect(Date.now()).toBeLessThan(settleEnds);
    expect(sample(converging, 'realitycheck_traffic_weight_ratio', observed('v14'))).toBeCloseTo(
      0.3,
      1,
    );
    expect(sample(converging, 'realitycheck_traffic_weight_ratio', observed('v15'))).toBeCloseTo(
      0.7,
      1,
    );
    expect(
      sample(converging, 'realitycheck_traffic_weight_ratio', {
        ...CHECKOUT,
        backend: 'v14',
        layer: 'declared',
      }),
    ).toBe(0);
    expect(sample(converging, 'realitycheck_findings', traffic('drift'))).toBe(0);

    const drift = await waitForMetrics(
      exporter.url,
      (text) => sample(text, 'realitycheck_findings', traffic('drift')) === 1,
      SETTLE_SECONDS * 1000 + 10_000,
      'drift traffic finding',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(settleEnds);
    expect(sample(drift, 'realitycheck_findings', traffic('converging'))).toBe(0);
    expect(sample(drift, 'realitycheck_traffic_deviation_ratio', CHECKOUT)).toBeCloseTo(0.3, 1);
    expect(
      sample(drift, 'realitycheck_mismatch_since_timestamp_seconds', {
        ...CHECKOUT,
        check: 'traffic',
      }),
    ).toBe(changedAt.getTime() / 1000);

    target.setRates({ v15: 100, v14: 0 });
    const recovered = await waitForMetrics(
      exporter.url,
      (text) =>
        sample(text, 'realitycheck_findings', traffic('drift')) === 0 &&
        sample(text, 'realitycheck_findings', traffic('converging')) === 0,
      20_000,
      'recovery after the counters follow the route',
    );
    expect(sample(recovered, 'realitycheck_traffic_weight_ratio', observed('v14'))).toBeLessThan(
      0.05,
    );
    expect(sample(recovered, 'realitycheck_traffic_query_up', { region: 'eu-west' })).toBe(1);
    expect(
      sample(recovered, 'realitycheck_traffic_query_failures_total', { region: 'eu-west' }),
    ).toBe(0);
  });
});

describe('a Prometheus that cannot answer', () => {
  async function blindObservedLayer(url: string): Promise<{ text: string; log: string }> {
    const world = writeWorld({
      prometheus: `{ url: "${url}", window: 5s, minRequests: 1, interval: 500ms, timeout: 1s }`,
      routeChangedAt: new Date(Date.now() - 3_600_000),
      settle: '10s',
    });
    cleanups.push(() => world.remove());
    const exporter = await serve(world);

    const text = await waitForMetrics(
      exporter.url,
      (t) =>
        (sample(t, 'realitycheck_traffic_query_failures_total', { region: 'eu-west' }) ?? 0) >= 3,
      10_000,
      'three counted query failures',
    );
    return { text, log: exporter.stderr() };
  }

  function expectOnlyObservedUnknown({ text, log }: { text: string; log: string }): void {
    expect(sample(text, 'realitycheck_traffic_query_up', { region: 'eu-west' })).toBe(0);
    expect(sample(text, 'realitycheck_findings', traffic('unknown'))).toBe(1);
    expect(sample(text, 'realitycheck_findings', traffic('drift'))).toBe(0);
    expect(
      sample(text, 'realitycheck_traffic_weight_ratio', { layer: 'observed' }),
    ).toBeUndefined();
    // Everything else still verified: the region, the digest check and the declared layer.
    expect(sample(text, 'realitycheck_source_up', { region: 'eu-west' })).toBe(1);
    expect(
      sample(text, 'realitycheck_findings', { ...CHECKOUT, check: 'digest', class: 'drift' }),
    ).toBe(0);
    expect(
      sample(text, 'realitycheck_traffic_weight_ratio', {
        ...CHECKOUT,
        backend: 'v15',
        layer: 'declared',
      }),
    ).toBe(1);
    expect(log.match(/traffic query failed/g)).toHaveLength(1);
  }

  it('leaves the observed layer unknown when Prometheus is down', async () => {
    const nobody = await freePort();

    expectOnlyObservedUnknown(await blindObservedLayer(`http://127.0.0.1:${nobody}`));
  });

  it('leaves the observed layer unknown when Prometheus answers garbage', async () => {
    const garbage = await startGarbageServer('<html><body>502 Bad Gateway</body></html>');
    cleanups.push(() => garbage.close());

    expectOnlyObservedUnknown(await blindObservedLayer(garbage.url));
  });
});
