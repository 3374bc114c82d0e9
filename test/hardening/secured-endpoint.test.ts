/**
 * `realitycheck serve --web.config.file`: real TLS on loopback with
 * certificates made by openssl, basic auth against a bcrypt hash, and a real
 * Prometheus scraping it the way operators configure one for node_exporter.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, freePort } from '../support/exporter.js';
import { requireTool, startPrometheus, type PrometheusProcess } from '../support/prometheus.js';
import { intentYaml, snapshots } from '../cli/scenario.js';
import { makeCertificates, type Certificates } from './support/certificates.js';
import { ask, type Ask } from './support/https.js';

const PASSWORD = 'correct horse battery staple';
const START_TIMEOUT_MS = 20_000;

describe('the secured endpoint', () => {
  let dir: string;
  let certs: Certificates;
  let url: string;
  let stopExporter: () => Promise<number | null>;
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-tls-'));
    certs = makeCertificates(dir);
    writeFileSync(join(dir, 'intent.yaml'), intentYaml());
    writeFileSync(join(dir, 'eu.json'), snapshots.inSync());
    // Relative paths: the toolkit resolves them against the web config's folder.
    writeFileSync(
      join(dir, 'web.yml'),
      [
        'tls_server_config:',
        '  cert_file: server.crt',
        '  key_file: server.key',
        '  min_version: TLS12',
        'http_server_config:',
        '  headers:',
        '    Strict-Transport-Security: max-age=31536000',
        'basic_auth_users:',
        `  prometheus: '${bcrypt.hashSync(PASSWORD, 10).replace('$2b$', '$2y$')}'`,
      ].join('\n'),
    );

    const port = await freePort();
    url = `https://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--listen',
        `127.0.0.1:${port}`,
        '--log-format',
        'json',
        '--log-level',
        'debug',
        '--intent',
        join(dir, 'intent.yaml'),
        '--snapshot',
        `eu=${join(dir, 'eu.json')}`,
        '--web.config.file',
        join(dir, 'web.yml'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    stopExporter = () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    };
    await waitUntilReady(`${url}/readyz`, { ca: certs.ca, auth: `prometheus:${PASSWORD}` });
  });

  afterAll(async () => {
    await stopExporter?.();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const trusted = (extra: Ask = {}): Ask => ({ ca: certs.ca, ...extra });

  it('serves /metrics over TLS to the right user and password, with the configured headers', async () => {
    const answer = await ask(`${url}/metrics`, trusted({ auth: `prometheus:${PASSWORD}` }));

    expect(answer.status).toBe(200);
    expect(answer.body).toContain('realitycheck_build_info');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it.each([
    ['a wrong password', `prometheus:${PASSWORD}!`],
    ['an unknown user', `grafana:${PASSWORD}`],
    ['an empty password', 'prometheus:'],
    ['no credentials', undefined],
  ])('refuses %s with 401 and a Basic challenge', async (_what, auth) => {
    const answer = await ask(`${url}/metrics`, trusted(auth !== undefined ? { auth } : {}));

    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Basic realm="realitycheck"/);
    expect(answer.body).not.toContain('realitycheck_');
  });

  it('refuses plain HTTP on the TLS port', async () => {
    const plain = url.replace('https:', 'http:');
    const outcome = await ask(`${plain}/metrics`, { auth: `prometheus:${PASSWORD}` }).then(
      (answer) => `answered ${answer.status}`,
      (error: Error) => `refused: ${error.message}`,
    );

    expect(outcome).toMatch(/^refused/);
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(ask(`${url}/metrics`, { auth: `prometheus:${PASSWORD}` })).rejects.toThrow(
      /self[- ]signed|unable to (get|verify)/i,
    );
  });

  it.each([
    '/../../../../etc/passwd',
    '/metrics/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '//etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/metrics%00.txt',
  ])('answers %s without reaching the file system', async (path) => {
    const answer = await ask(`${url}${path}`, trusted({ auth: `prometheus:${PASSWORD}` }));

    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toMatch(/root:|daemon:/);
  });

  it('refuses other methods, request bodies and long URLs', async () => {
    const auth = `prometheus:${PASSWORD}`;
    const post = await ask(`${url}/metrics`, trusted({ auth, method: 'POST' }));
    const body = await ask(`${url}/metrics`, trusted({ auth, body: 'x'.repeat(100) }));
    const long = await ask(`${url}/metrics?${'q'.repeat(5000)}`, trusted({ auth }));

    expect(post.status).toBe(405);
    expect(body.status).toBe(400);
    expect(long.status).toBe(414);
  });

  it('is scraped by a real Prometheus with scheme https, tls_config and basic_auth', async () => {
    requireTool('prometheus');
    const target = new URL(url).host;
    const config = [
      'global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: realitycheck',
      '    honor_labels: true',
      '    scheme: https',
      `    tls_config: { ca_file: '${certs.caCert}' }`,
      `    basic_auth: { username: prometheus, password: '${PASSWORD}' }`,
      `    static_configs: [{ targets: ['${target}'] }]`,
      '  - job_name: wrong-password',
      '    scheme: https',
      `    tls_config: { ca_file: '${certs.caCert}' }`,
      `    basic_auth: { username: prometheus, password: 'guess' }`,
      `    static_configs: [{ targets: ['${target}'] }]`,
    ].join('\n');
    let prometheus: PrometheusProcess | undefined;
    try {
      prometheus = await startPrometheus(target, config);
      const up = (job: string) => `{instance="${target}",job="${job}"}`;
      await prometheus.waitForQuery('up', { [up('realitycheck')]: 1, [up('wrong-password')]: 0 });
      const built = await prometheus.query('count(realitycheck_build_info)');
      expect(built).toEqual({ '{}': 1 });
    } finally {
      await prometheus?.stop();
    }
  });

  it('logs the web config without any hash', () => {
    expect(log).toContain('"basicAuthUsers":1');
    expect(log).not.toContain('$2y$');
  });
});

async function waitUntilReady(url: string, options: Ask): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const answer = await ask(url, { ...options, timeoutMs: 2_000 });
      if (answer.status === 200) return;
      last = `${answer.status} ${answer.body}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready in ${START_TIMEOUT_MS} ms: ${last}`);
}
