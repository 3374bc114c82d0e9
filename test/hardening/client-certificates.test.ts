/**
 * Client certificate policies of the web config, on a real TLS listener:
 * which clients get through under each `client_auth_type`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../exporter/src/log/logger.js';
import { fixturePublication } from '../../exporter/src/metrics/testing/fixtures.js';
import { createServer } from '../../exporter/src/server/app.js';
import type { RunningServer } from '../../exporter/src/server/listen.js';
import { readinessOf } from '../../exporter/src/server/readiness.js';
import { loadWebConfig } from '../../exporter/src/server/web-config.js';
import { makeCertificates, type Certificates } from './support/certificates.js';
import { ask, type Ask } from './support/https.js';

describe('client certificates', () => {
  let dir: string;
  let certs: Certificates;
  let running: RunningServer | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-mtls-'));
    certs = makeCertificates(dir);
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function serve(clientAuthType: string): Promise<string> {
    const file = join(dir, `${clientAuthType}.yml`);
    writeFileSync(
      file,
      [
        'tls_server_config:',
        `  cert_file: ${certs.serverCert}`,
        `  key_file: ${certs.serverKey}`,
        `  client_ca_file: ${certs.caCert}`,
        `  client_auth_type: ${clientAuthType}`,
      ].join('\n'),
    );
    const publication = fixturePublication();
    running = await createServer({
      getPublication: () => publication,
      isReady: () => readinessOf(publication),
      logger: createLogger({ level: 'silent', format: 'json' }),
      processMetrics: false,
      web: loadWebConfig(file),
    }).listen('127.0.0.1', 0);
    return `${running.url}/healthz`;
  }

  const client: Record<string, () => Ask> = {
    none: () => ({ ca: certs.ca }),
    trusted: () => ({
      ca: certs.ca,
      cert: readFileSync(certs.clientCert),
      key: readFileSync(certs.clientKey),
    }),
    stranger: () => ({
      ca: certs.ca,
      cert: readFileSync(certs.strangerCert),
      key: readFileSync(certs.strangerKey),
    }),
  };

  async function outcome(url: string, who: string): Promise<string> {
    return ask(url, client[who]!()).then(
      (answer) => String(answer.status),
      () => 'refused',
    );
  }

  it.each([
    ['RequireAndVerifyClientCert', { none: 'refused', trusted: '200', stranger: 'refused' }],
    ['VerifyClientCertIfGiven', { none: '200', trusted: '200', stranger: '403' }],
    ['RequireAnyClientCert', { none: '403', trusted: '200', stranger: '200' }],
    ['RequestClientCert', { none: '200', trusted: '200', stranger: '200' }],
    ['NoClientCert', { none: '200', trusted: '200', stranger: '200' }],
  ])('%s lets through %j', async (policy, expected) => {
    const url = await serve(policy);
    const seen: Record<string, string> = {};
    for (const who of Object.keys(expected)) seen[who] = await outcome(url, who);

    expect(seen).toEqual(expected);
  });
});
