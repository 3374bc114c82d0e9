import { request } from 'node:http';
import { Writable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../log/logger.js';
import type { Publication } from '../metrics/exporter-status.js';
import { renderMetrics } from '../metrics/render.js';
import { fixturePublication } from '../metrics/testing/fixtures.js';
import { createServer, type ServerOptions } from './app.js';
import type { RunningServer } from './listen.js';
import { createMetricsCache } from './metrics-cache.js';
import { readinessOf } from './readiness.js';

/** Log lines the server wrote, parsed. */
type LogLine = Record<string, unknown>;

let running: RunningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Starts a server on a free loopback port; returns its URL and the log lines it writes. */
async function start(overrides: Partial<ServerOptions> = {}) {
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  let publication: Publication = fixturePublication();
  const server = createServer({
    getPublication: () => publication,
    isReady: () => readinessOf(publication),
    logger: createLogger({ level: 'debug', format: 'json', destination }),
    processMetrics: false,
    ...overrides,
  });

  running = await server.listen('127.0.0.1', 0);
  const publish = (next: Publication) => (publication = next);
  return { url: running.url, logs, publish };
}

describe('the HTTP server', () => {
  it('binds the port the OS picked for port 0', async () => {
    const { url } = await start();

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running?.port).toBeGreaterThan(0);
  });

  it('serves the rendered publication on /metrics in the text format', async () => {
    const { url } = await start();

    const response = await fetch(`${url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toBe(await renderMetrics(fixturePublication()));
  });

  it('appends the process metrics after the realitycheck families', async () => {
    const { url } = await start({ processMetrics: true });

    const text = await (await fetch(`${url}/metrics`)).text();

    expect(text.startsWith('# HELP realitycheck_build_info')).toBe(true);
    expect(text).toMatch(/\n# TYPE process_cpu_seconds_total counter\n/);
    expect(text).not.toContain('nodejs_active_handles_total');
  });

  it('answers HEAD on /metrics without a body', async () => {
    const { url } = await start();

    const response = await fetch(`${url}/metrics`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('gives concurrent scrapes of one publication identical text, rendered once', async () => {
    let renders = 0;
    const metricsCache = createMetricsCache(async (publication) => {
      renders += 1;
      return renderMetrics(publication);
    });
    const { url } = await start({ metricsCache });

    const texts = await Promise.all(
      Array.from({ length: 20 }, async () => (await fetch(`${url}/metrics`)).text()),
    );

    expect(new Set(texts).size).toBe(1);
    expect(renders).toBe(1);
  });

  it('renders again once a new publication replaces the old one', async () => {
    const { url, publish } = await start();
    const first = await (await fetch(`${url}/metrics`)).text();

    const next = fixturePublication();
    publish({ ...next, build: { version: '0.2.0', revision: 'def5678' } });
    const second = await (await fetch(`${url}/metrics`)).text();

    expect(first).toContain('version="0.1.0"');
    expect(second).toContain('version="0.2.0"');
  });

  it('answers /healthz with ok while the process runs', async () => {
    const { url } = await start({
      isReady: () => ({ ready: false, reason: 'intent not loaded yet' }),
    });

    const response = await fetch(`${url}/healthz`);

    expect([response.status, await response.text()]).toEqual([200, 'ok\n']);
  });

  it('answers /readyz 503 with the reason until ready, then 200', async () => {
    const { url, publish } = await start();
    const blind = fixturePublication();
    publish({ ...blind, intent: { loadOk: false } });

    const before = await fetch(`${url}/readyz`);
    expect([before.status, await before.text()]).toEqual([
      503,
      'not ready: intent not loaded yet\n',
    ]);

    publish(fixturePublication());
    const stillBefore = await fetch(`${url}/readyz`);
    expect(await stillBefore.text()).toBe('not ready: regions not synced yet: ap-south\n');

    const evaluation = fixturePublication().evaluation;
    evaluation.regions = evaluation.regions.filter((r) => r.region !== 'ap-south');
    publish(fixturePublication(evaluation));
    const after = await fetch(`${url}/readyz`);
    expect([after.status, await after.text()]).toEqual([200, 'ok\n']);
  });

  it('serves the findings document as JSON', async () => {
    const { url } = await start();

    const response = await fetch(`${url}/api/v1/findings`);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body)).toEqual(['generatedAt', 'regions', 'findings', 'summary']);
    expect(body.generatedAt).toBe('2026-12-01T12:00:00.000Z');
    expect(body.findings).toHaveLength(2);
  });

  it('links every route from the index page', async () => {
    const { url } = await start();

    const page = await (await fetch(`${url}/`)).text();

    for (const path of ['/metrics', '/healthz', '/readyz', '/api/v1/findings']) {
      expect(page).toContain(`href="${path}"`);
    }
  });

  it('answers 404 for an unknown path without echoing it', async () => {
    const { url } = await start();

    const response = await fetch(`${url}/metrics/<script>`);

    expect([response.status, await response.text()]).toEqual([404, 'not found\n']);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405 and the methods allowed',
    async (method) => {
      const { url } = await start();

      const response = await fetch(`${url}/metrics`, { method });

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    },
  );

  it('refuses a GET that carries a body', async () => {
    const { url } = await start();

    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${url}/metrics`, { method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end('{"query":"up"}');
    });

    expect(status).toBe(400);
  });

  it('answers a failing handler with a generic 500 and logs the cause', async () => {
    const failing = createMetricsCache(() => Promise.reject(new Error('secret internals')));
    const { url, logs } = await start({ metricsCache: failing });

    const response = await fetch(`${url}/metrics`);

    expect([response.status, await response.text()]).toEqual([500, 'internal server error\n']);
    const failure = logs.find((line) => line.msg === 'request failed');
    expect(failure?.err).toMatchObject({ message: 'secret internals' });
  });

  it('logs each request at debug level with snake_case fields', async () => {
    const { url, logs } = await start();

    await (await fetch(`${url}/healthz`)).text();

    const served = logs.find((line) => line.msg === 'request served');
    expect(served).toMatchObject({ level: 20, method: 'GET', path: '/healthz', status: 200 });
    expect(typeof served?.duration_ms).toBe('number');
  });
});
