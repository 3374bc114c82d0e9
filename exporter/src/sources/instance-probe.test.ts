import { Writable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProbeSpec } from '../intent/model.js';
import { createLogger } from '../log/logger.js';
import {
  cluster,
  container,
  DA,
  deployment,
  history,
  intentOf,
  pod,
  R,
  workload,
} from '../verify/testing/builders.js';
import { InstanceProber, type InstanceProberOptions } from './instance-probe.js';
import type { PodView } from './observations.js';
import {
  answering,
  closedPort,
  hanging,
  startInstance,
  type FakeInstance,
} from './testing/instance-server.js';

const LOOPBACK = '127.0.0.1';
const JSON_REPORT = { version: '1.15.0', revision: '4f2c1e9', flags: { 'new-checkout': true } };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function instance(handler: Parameters<typeof startInstance>[0]): Promise<FakeInstance> {
  const started = await startInstance(handler);
  cleanups.push(() => started.close());
  return started;
}

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', format: 'json', destination }), lines };
}

const readyPod = (extra: Partial<PodView> = {}) =>
  pod([container(`${R}@${DA}`)], { podIP: LOOPBACK, ...extra });

/** A prober of `shop/api` in eu-west with the given pods, probing `port`. */
function proberOf(
  pods: PodView[],
  probe: Partial<ProbeSpec> & { port: number },
  extra: Partial<InstanceProberOptions> = {},
) {
  const spec: ProbeSpec = { path: '/version', format: 'json', timeoutMs: 1_000, ...probe };
  const intent = intentOf([workload(history(), { probe: spec })]);
  const state = cluster([deployment(`${R}:1.15.0@${DA}`)], pods);
  const { logger, lines } = collectingLogger();
  let rounds = 0;
  const prober = new InstanceProber({
    intent: () => intent,
    regions: () => [{ region: 'eu-west', state }],
    logger,
    onChange: () => (rounds += 1),
    intervalMs: 60_000,
    random: () => 0,
    now: () => 7,
    ...extra,
  });
  cleanups.push(() => prober.stop());
  return { prober, state, lines, rounds: () => rounds };
}

describe('InstanceProber', () => {
  it('asks each ready pod with an IP for its JSON report, and no other pod', async () => {
    const server = await instance(answering(JSON_REPORT));
    const pods = [
      readyPod(),
      readyPod({ podIP: undefined }),
      pod([container(`${R}@${DA}`, { ready: false })], { podIP: LOOPBACK }),
    ];
    const { prober, state, rounds } = proberOf(pods, { port: server.port });

    await prober.round();

    expect(server.requests).toEqual(['/version']);
    expect(prober.reportsFor('eu-west', state)).toEqual([
      { namespace: 'shop', pod: pods[0]!.name, at: 7, ok: true, ...JSON_REPORT },
    ]);
    expect(rounds()).toBe(1);
    expect(prober.status()).toEqual([
      { region: 'eu-west', namespace: 'shop', workload: 'api', probed: 1, failing: 0, failures: 0 },
    ]);
  });

  it('reads the build info and flag gauges of a Prometheus text report', async () => {
    const text = [
      '# TYPE shop_build_info gauge',
      'shop_build_info{version="1.15.0",revision="4f2c1e9"} 1',
      'shop_feature_flag{flag="new-checkout"} 0',
    ].join('\n');
    const server = await instance(answering(text));
    const { prober, state } = proberOf([readyPod()], {
      port: server.port,
      path: '/metrics',
      format: 'prometheus',
    });

    await prober.round();

    expect(server.requests).toEqual(['/metrics']);
    expect(prober.reportsFor('eu-west', state)[0]).toMatchObject({
      ok: true,
      version: '1.15.0',
      revision: '4f2c1e9',
      flags: { 'new-checkout': 0 },
    });
  });

  it.each([
    ['answers 500', async () => (await instance(answering('oops', 500))).port, 'HTTP 500'],
    ['answers garbage', async () => (await instance(answering('<html>'))).port, 'not JSON'],
    ['refuses the connection', closedPort, 'ECONNREFUSED'],
    ['never answers', async () => (await instance(hanging())).port, 'no answer within 200ms'],
  ])('keeps an instance that %s as a failed report, counted', async (_what, port, error) => {
    const { prober, state } = proberOf([readyPod()], { port: await port(), timeoutMs: 200 });

    await prober.round();

    const [report] = prober.reportsFor('eu-west', state);
    expect(report).toMatchObject({ ok: false });
    expect(report?.ok === false && report.error).toContain(error);
    expect(prober.status()[0]).toMatchObject({ probed: 1, failing: 1, failures: 1 });
  });

  it('logs once per workload while its probes fail, and once when they answer again', async () => {
    let healthy = false;
    const server = await instance((req, res) =>
      healthy ? answering(JSON_REPORT)(req, res) : answering('down', 503)(req, res),
    );
    const { prober, lines } = proberOf([readyPod(), readyPod()], { port: server.port });

    await prober.round();
    await prober.round();
    healthy = true;
    await prober.round();

    const messages = lines.map((l) => `${l.level}:${String(l.msg)}:${String(l.workload)}`);
    expect(messages).toEqual([
      '40:instance probes failed; what those instances report is unknown:api',
      '30:instance probes answer again:api',
    ]);
    expect(lines[0]).toMatchObject({ failing: 2, probed: 2, err: 'HTTP 503' });
    expect(prober.status()[0]).toMatchObject({ failing: 0, failures: 4 });
  });

  it('drops the report of a pod that was replaced under the same name', async () => {
    const server = await instance(answering(JSON_REPORT));
    const first = readyPod();
    const { prober, state } = proberOf([first], { port: server.port });
    await prober.round();

    const replaced = { ...state, pods: [{ ...first, uid: 'uid-new' }] };

    expect(prober.reportsFor('eu-west', state)).toHaveLength(1);
    expect(prober.reportsFor('eu-west', replaced)).toEqual([]);
  });

  it('keeps at most the concurrency limit of probes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await instance((req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        answering(JSON_REPORT)(req, res);
      }, 30);
    });
    const pods = Array.from({ length: 7 }, () => readyPod());
    const { prober } = proberOf(pods, { port: server.port }, { concurrency: 2 });

    await prober.round();

    expect(server.requests).toHaveLength(7);
    expect(most).toBe(2);
  });

  it('spreads the starts of a round, and stops without waiting for the spread', async () => {
    const server = await instance(answering(JSON_REPORT));
    const { prober } = proberOf(
      [readyPod(), readyPod()],
      { port: server.port },
      {
        random: () => 0.99,
      },
    );

    const round = prober.round(5_000);
    const stopping = Date.now();
    await prober.stop();
    await round;

    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(server.requests).toEqual([]);
    expect(prober.status()).toEqual([]);
  });
});
