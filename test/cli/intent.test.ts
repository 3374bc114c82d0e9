/**
 * `realitycheck intent` and `realitycheck hash` as a pipeline runs them:
 * the built CLI, one rendered manifest, and the intent file it writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli } from '../support/exporter.js';

const BUILT = `reg.example.test/shop/api:1.15.0@sha256:${'a'.repeat(64)}`;
const RENDERED = `apiVersion: v1
kind: ConfigMap
metadata: { name: api-cfg, namespace: shop }
data: { MODE: fast }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: app
          image: reg.example.test/shop/api:1.15.0
          env: [{ name: MODE, valueFrom: { configMapKeyRef: { name: api-cfg, key: MODE } } }]
`;

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('realitycheck intent', () => {
  it('records --version and the config hash that realitycheck hash prints', async () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-intent-cli-'));
    const manifests = join(dir, 'rendered.yaml');
    const intent = join(dir, 'intent.yaml');
    writeFileSync(manifests, RENDERED);

    const written = await runCli([
      'intent',
      manifests,
      '--intent',
      intent,
      '--version',
      '1.15.0',
      '--image',
      `app=${BUILT}`,
    ]);
    const hash = await runCli(['hash', manifests, '--workload', 'api']);

    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(hash.code).toBe(0);
    const text = readFileSync(intent, 'utf8');
    expect(text).toContain('- version: 1.15.0');
    expect(text).toContain(`image: ${BUILT}`);
    expect(text).toContain(`config: ${hash.stdout.trim()}`);
    const check = await runCli(['check', '--intent', intent, '--snapshot', `eu=${manifests}`]);
    expect(check.stderr).not.toContain('invalid intent');
  });
});
