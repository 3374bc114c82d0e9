/**
 * Secrets stay secret: unique canary values planted in Secret data, in
 * literal env values (credential-looking and not) and in ConfigMap data,
 * then the built CLI runs over them (check in every format, serve at log
 * level trace, malformed snapshots). No canary, nor its base64 form, may
 * appear in any output: /metrics, the JSON view, stdout, stderr, logs.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  configMap,
  configMapVolume,
  deploymentStack,
  digest,
  kubectlList,
  secret,
  withConfig,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';
import { freePort, runCli, startExporter } from '../support/exporter.js';

/** A fresh canary per run, so that no fixed string can pass by accident. */
const canary = (what: string) => `canary-${what}-${randomBytes(6).toString('hex')}`;
const CANARIES = {
  secret: canary('secret-data'),
  literalCredential: canary('literal-credential'),
  literalPlain: canary('literal-plain'),
  urlPassword: canary('url-password'),
  configMap: canary('configmap-data'),
  hmacKey: canary('hmac-key'),
  malformed: canary('malformed'),
};
const IMAGE = `reg.example.test/shop/api:1.4@${digest('api 1.4')}`;

function snapshot(): KubeObject {
  const env = [
    { name: 'PAYMENT_API_KEY', value: CANARIES.literalCredential },
    { name: 'GREETING', value: CANARIES.literalPlain },
    { name: 'DATABASE_URL', value: `postgres://app:${CANARIES.urlPassword}@db.shop:5432/app` },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'api-cfg', key: 'MODE' } } },
  ];
  const objects = deploymentStack({
    name: 'api',
    revisions: [{ containers: [{ name: 'app', image: IMAGE, env }], pods: 2 }],
  });
  for (const object of objects.filter((o) => o.kind === 'Pod' || o.kind === 'Deployment')) {
    withConfig(object, {
      volumes: [configMapVolume('cfg', 'api-cfg')],
      containers: { app: { mounts: [{ volume: 'cfg', mountPath: '/etc/api' }] } },
    });
  }
  return kubectlList([
    ...objects,
    configMap({ name: 'api-cfg', data: { MODE: CANARIES.configMap } }),
    secret({ name: 'db', data: { password: CANARIES.secret } }),
  ]);
}

const INTENT = `apiVersion: realitycheck/v1
kind: Intent
workloads:
  - name: api
    namespace: shop
    releases:
      - version: "1.4"
        containers:
          app: { image: ${IMAGE}, platforms: [] }
        env: { MODE: fast, GREETING: hello }
`;

let dir: string;
const ENV = { REALITYCHECK_HMAC_KEY: CANARIES.hmacKey, REALITYCHECK_LOG_LEVEL: 'trace' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'realitycheck-canary-'));
  writeFileSync(join(dir, 'intent.yaml'), INTENT);
  writeFileSync(join(dir, 'eu.json'), JSON.stringify(snapshot()));
  const secretItem = `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}, "data": {"k": "${CANARIES.malformed}"}`;
  writeFileSync(
    join(dir, 'broken.json'),
    `{"kind": "List", "items": [${secretItem} ${CANARIES.malformed}]}`,
  );
  writeFileSync(
    join(dir, 'broken.yaml'),
    `kind: List\nitems:\n  - kind: Secret\n    data: { k: ${CANARIES.malformed}\n   bad: [${CANARIES.malformed}\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every canary and its base64 form (Secrets store data base64-encoded). */
function forms(): string[] {
  return Object.values(CANARIES).flatMap((value) => [
    value,
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
  ]);
}

function expectNoCanary(what: string, text: string): void {
  for (const form of forms()) expect(text, `${what} leaks ${form}`).not.toContain(form);
}

describe('the canary-secret test', () => {
  it.each(['table', 'json', 'markdown'])(
    'check --format %s shows the inline credentials by name and no canary',
    async (format) => {
      const run = await runCli(
        [
          'check',
          '--intent',
          join(dir, 'intent.yaml'),
          '--snapshot',
          `eu=${join(dir, 'eu.json')}`,
          '--max-age',
          '0',
          '--format',
          format,
        ],
        ENV,
      );

      expectNoCanary(`check ${format} stdout`, run.stdout);
      expectNoCanary(`check ${format} stderr`, run.stderr);
      expect(run.stdout).toContain('PAYMENT_API_KEY');
      expect(run.stdout).toContain('DATABASE_URL');
      expect(run.stdout).not.toContain('DB_PASSWORD');
      expect(run.code).toBe(2);
    },
  );

  it.each(['broken.json', 'broken.yaml'])(
    'check names what is wrong with %s without quoting it',
    async (file) => {
      const run = await runCli(
        ['check', '--intent', join(dir, 'intent.yaml'), '--snapshot', `eu=${join(dir, file)}`],
        ENV,
      );

      expect(run.code).toBe(3);
      expect(run.stderr).toContain(file);
      expectNoCanary(`check ${file} stderr`, run.stderr);
      expectNoCanary(`check ${file} stdout`, run.stdout);
    },
  );

  it('serve at log level trace keeps every canary out of /metrics, the JSON view and the logs', async () => {
    // The second region starts readable, then turns into a broken dump with a canary in it.
    writeFileSync(join(dir, 'later.json'), JSON.stringify(snapshot()));
    const port = await freePort();
    const exporter = await startExporter(
      [
        ...['--intent', join(dir, 'intent.yaml'), '--max-age', '0', '--log-level', 'trace'],
        ...[
          '--snapshot',
          `eu=${join(dir, 'eu.json')}`,
          '--snapshot',
          `ap=${join(dir, 'later.json')}`,
        ],
      ],
      port,
      { REALITYCHECK_HMAC_KEY: CANARIES.hmacKey },
    );
    try {
      copyFileSync(join(dir, 'broken.json'), join(dir, 'later.json'));
      const findings = await waitForText(`${exporter.url}/api/v1/findings`, '"up":false');
      const metrics = await (await fetch(`${exporter.url}/metrics`)).text();

      expectNoCanary('/metrics', metrics);
      expectNoCanary('/api/v1/findings', findings);
      expect(metrics).toContain(
        'realitycheck_inline_secret_env{region="eu",namespace="shop",workload="api",container="app",variable="PAYMENT_API_KEY"} 1',
      );
      expect(findings).toContain('InlineCredential');
    } finally {
      await exporter.stop();
    }
    expectNoCanary('serve logs', exporter.stderr());
    // Debug lines (per-event detail) were written: the most verbose level the exporter uses.
    expect(exporter.stderr()).toContain('"level":20');
    expect(exporter.stderr()).toContain('"level":40');
  });
});

/** Polls a URL until its body contains `needle`; bounded, so a miss fails instead of hanging. */
async function waitForText(url: string, needle: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let body = '';
  while (Date.now() < deadline) {
    body = await (await fetch(url)).text();
    if (body.includes(needle)) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never mentioned ${needle}; last body: ${body.slice(0, 500)}`);
}
