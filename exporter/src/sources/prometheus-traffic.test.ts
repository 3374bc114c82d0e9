import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from '../log/logger.js';
import { PrometheusTrafficSource, type PrometheusTrafficOptions } from './prometheus-traffic.js';

const OPTIONS: PrometheusTrafficOptions = {
  url: 'http://127.0.0.1:9/prom',
  query: 'q{{service}}',
  backendLabel: 'destination_version',
  windowMs: 60_000,
  minRequests: 1,
  timeoutMs: 1_000,
  intervalMs: 60_000,
};

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

const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
const seventyThirty = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { destination_version: 'v15' }, value: [0, '7'] },
      { metric: { destination_version: 'v14' }, value: [0, '3'] },
    ],
  },
};

/** A source whose fetch answers from `respond`, recording the URLs asked. */
function sourceWith(respond: () => Promise<Response>) {
  const urls: string[] = [];
  const { logger, lines } = collectingLogger();
  let changes = 0;
  const source = new PrometheusTrafficSource({
    region: 'eu-west',
    options: OPTIONS,
    logger,
    services: () => [{ namespace: 'shop', service: 'checkout' }],
    onChange: () => (changes += 1),
    now: () => 5,
    fetch: (async (url: URL) => {
      urls.push(url.toString());
      return respond();
    }) as typeof fetch,
  });
  return { source, urls, lines, changes: () => changes };
}

describe('PrometheusTrafficSource', () => {
  it('asks /api/v1/query under the base path with the filled template, and keeps the shares', async () => {
    const { source, urls, changes } = sourceWith(async () => answer(seventyThirty));

    await source.round();

    expect(urls).toEqual(['http://127.0.0.1:9/prom/api/v1/query?query=qcheckout']);
    expect(source.observe()).toEqual({
      services: {
        'shop/checkout': { state: 'ok', shares: { v15: 0.7, v14: 0.3 }, requests: 600, at: 5 },
      },
    });
    expect(source.status()).toEqual({ region: 'eu-west', up: true, failures: 0 });
    expect(changes()).toBe(1);
  });

  it('counts every failed query, logs once, and logs again when queries answer', async () => {
    let down = true;
    const { source, lines } = sourceWith(async () => {
      if (down) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
      return answer(seventyThirty);
    });

    await source.round();
    await source.round();

    expect(source.observe().services['shop/checkout']).toEqual({
      state: 'unknown',
      reason: 'QueryFailed',
      detail: 'fetch failed: connect ECONNREFUSED',
    });
    expect(source.status()).toEqual({ region: 'eu-west', up: false, failures: 2 });
    expect(lines.map((l) => l.msg)).toEqual([
      'traffic query failed; the observed layer is unknown',
    ]);

    down = false;
    await source.round();
    expect(source.status().up).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual([
      'traffic query failed; the observed layer is unknown',
      'traffic queries answer again',
    ]);
  });

  it.each([
    [
      'HTML',
      () => new Response('<html>oops</html>', { status: 502 }),
      /HTTP 502, and the body is not JSON/,
    ],
    ['JSON of another shape', () => answer({ hello: 'world' }), /status undefined/],
  ])('reads an answer of %s as a failed query', async (_name, respond, detail) => {
    const { source } = sourceWith(async () => respond());

    await source.round();

    const observed = source.observe().services['shop/checkout'];
    expect(observed).toMatchObject({ state: 'unknown', reason: 'QueryFailed' });
    expect(observed?.state === 'unknown' ? observed.detail : '').toMatch(detail);
    expect(source.status().failures).toBe(1);
  });

  it('runs one round at a time', async () => {
    let calls = 0;
    const { source } = sourceWith(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return answer(seventyThirty);
    });

    await Promise.all([source.round(), source.round()]);

    expect(calls).toBe(1);
  });
});
