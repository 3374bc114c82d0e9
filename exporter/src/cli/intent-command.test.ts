import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadIntent } from '../intent/load.js';
import { digest, useTempDir } from '../intent/testing/temp-dir.js';
import { hashCommand } from './hash.js';
import { intentCommand, type IntentFlags } from './intent-command.js';

const tempDir = useTempDir('realitycheck-intent-');
const NOW = () => Date.parse('2026-12-01T12:00:00.250Z');
const R = 'reg.example.test/shop/api';
const BUILT = `${R}:1.15.0@${digest('a')}`;

/** `helm template` output: a ConfigMap, a Service and the Deployment, without namespaces. */
const RENDERED = `---
# Source: api/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata: { name: api-cfg }
data: { MODE: fast }
---
apiVersion: v1
kind: Service
metadata: { name: api }
spec: { ports: [{ port: 80 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: app
          image: ${R}:1.15.0
          envFrom: [{ configMapRef: { name: api-cfg } }]
`;

const EXISTING = `# Written by the release pipeline; edit env and flags by hand.
apiVersion: realitycheck/v1
kind: Intent
workloads:
  - name: api # the public API
    namespace: shop
    kind: Deployment
    releases:
      # the current release
      - version: 1.14.2
        containers:
          app: { image: "${R}@${digest('b')}" }
        flags: { new-checkout: true }
      - version: 1.13.0
        containers:
          app: { image: "${R}@${digest('c')}" }
      - version: 1.12.0
        containers:
          app: { image: "${R}@${digest('d')}" }
    regions:
      edge-fra: { release: 1.12.0 }
`;

let stdout: string[];
let stderr: string[];
beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => !!stdout.push(String(chunk)));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => !!stderr.push(String(chunk)));
});
afterEach(() => vi.restoreAllMocks());

function files(contents: Record<string, string>): Record<string, string> {
  const dir = tempDir();
  return Object.fromEntries(
    Object.entries(contents).map(([name, text]) => {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return [name, path];
    }),
  );
}

const run = (inputs: string[], flags: Partial<IntentFlags>) =>
  intentCommand(
    inputs,
    { intent: join(tempDir(), 'intent.yaml'), version: '1.15.0', ...flags } as IntentFlags,
    NOW,
  );

describe('realitycheck intent', () => {
  it('writes a new intent file from rendered manifests that the exporter loads', async () => {
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': RENDERED });

    const code = await run([rendered!], { image: [`app=${BUILT}`], namespace: 'shop' });

    expect(stderr.join('')).toBe('');
    expect(code).toBe(0);
    const intent = await loadIntent(join(tempDir(), 'intent.yaml'));
    const api = intent.workloads[0]!;
    expect([api.kind, api.namespace, api.name]).toEqual(['Deployment', 'shop', 'api']);
    expect(api.releases.map((r) => r.version)).toEqual(['1.15.0']);
    expect(api.releases[0]!.containers.app!.image).toBe(BUILT);
    expect(api.releases[0]!.released).toBe(Date.parse('2026-12-01T12:00:00Z'));
    expect(api.releases[0]!.config).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stdout.join('')).toContain('Deployment/shop/api: added workload 1.15.0');
  });

  it('records the same config hash as realitycheck hash for the same manifests', async () => {
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': RENDERED });
    await run([rendered!], { image: [`app=${BUILT}`], namespace: 'shop' });
    stdout = [];

    await hashCommand([rendered!], { workload: 'api' });

    const intent = await loadIntent(join(tempDir(), 'intent.yaml'));
    expect(intent.workloads[0]!.releases[0]!.config).toBe(stdout.join('').trim());
  });

  it('puts the release at the head of an existing file, keeping comments and older releases', async () => {
    const paths = files({ 'intent.yaml': EXISTING, 'chart/templates/all.yaml': RENDERED });
    writeFileSync(join(tempDir(), 'chart/templates/empty.yaml'), '');

    const code = await run([join(tempDir(), 'chart')], {
      image: [`api/app=${BUILT}`],
      namespace: 'shop',
      released: '2026-11-30T12:00:00Z',
    });

    expect(stderr.join('')).toBe('');
    expect(code).toBe(0);
    const text = readFileSync(paths['intent.yaml']!, 'utf8');
    expect(text).toContain('# Written by the release pipeline; edit env and flags by hand.');
    expect(text).toContain('- name: api # the public API');
    expect(text).toContain('# the current release');
    const api = (await loadIntent(paths['intent.yaml']!)).workloads[0]!;
    expect(api.releases.map((r) => r.version)).toEqual(['1.15.0', '1.14.2', '1.13.0', '1.12.0']);
    expect(api.releases[0]!.flags).toEqual({ 'new-checkout': true });
    expect(api.releases[0]!.released).toBe(Date.parse('2026-11-30T12:00:00Z'));
  });

  it('trims to --keep releases but keeps one a region pins, and replaces a re-run version', async () => {
    const paths = files({ 'intent.yaml': EXISTING, 'rendered.yaml': RENDERED });
    const flags = { image: [`app=${BUILT}`], namespace: 'shop', keep: '2' };

    expect(await run([paths['rendered.yaml']!], flags)).toBe(0);
    expect(await run([paths['rendered.yaml']!], flags)).toBe(0);

    const api = (await loadIntent(paths['intent.yaml']!)).workloads[0]!;
    expect(api.releases.map((r) => r.version)).toEqual(['1.15.0', '1.14.2', '1.12.0']);
    expect(stdout.join('')).toContain('added release 1.15.0');
    expect(stdout.join('')).toContain('dropped 1.13.0');
    expect(stdout.join('')).toContain('replaced release 1.15.0');
  });

  it('takes the digest from the manifest when it pins one', async () => {
    const pinned = RENDERED.replace(`image: ${R}:1.15.0`, `image: ${BUILT}`);
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': pinned });

    expect(await run([rendered!], { namespace: 'shop' })).toBe(0);

    const api = (await loadIntent(join(tempDir(), 'intent.yaml'))).workloads[0]!;
    expect(api.releases[0]!.containers.app!.image).toBe(BUILT);
  });

  it.each([
    [
      'an image without a digest, naming the file and container',
      {},
      /rendered\.yaml: Deployment api, container app, image reg\.example\.test\/shop\/api:1\.15\.0: pins no digest/,
    ],
    ['an --image without a digest', { image: [`app=${R}:1.15.0`] }, /--image app=.*pins no digest/],
    [
      'an --image for no container',
      { image: [`web=${BUILT}`] },
      /--image web=\.\.\.: no such container; containers: app/,
    ],
    [
      'a --released that is no time',
      { released: 'yesterday' },
      /--released yesterday: expected an RFC 3339 time/,
    ],
    ['a --keep of 0', { keep: '0' }, /--keep 0: expected a whole number/],
    [
      'a --workload not in the manifests',
      { workload: ['web'] },
      /--workload web: not in the manifests; found: api/,
    ],
  ])('refuses %s, with exit status 3 and no file written', async (_what, flags, message) => {
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': RENDERED });

    const code = await run([rendered!], { namespace: 'shop', ...flags });

    expect(code).toBe(3);
    expect(stderr.join('')).toMatch(message);
    expect(() => readFileSync(join(tempDir(), 'intent.yaml'))).toThrow();
  });

  it('refuses manifests without a namespace unless --namespace says one', async () => {
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': RENDERED });

    expect(await run([rendered!], { image: [`app=${BUILT}`] })).toBe(3);
    expect(stderr.join('')).toMatch(
      /rendered\.yaml: Deployment api: metadata\.namespace is not set/,
    );
  });

  it('names the missing folder of an intent file it is to create', async () => {
    const { 'rendered.yaml': rendered } = files({ 'rendered.yaml': RENDERED });
    const target = join(tempDir(), 'no-such-folder', 'intent.yaml');

    const code = await run([rendered!], {
      image: [`app=${BUILT}`],
      namespace: 'shop',
      intent: target,
    });

    expect(code).toBe(3);
    expect(stderr.join('')).toContain(
      `the folder ${join(tempDir(), 'no-such-folder')} does not exist`,
    );
  });

  it('leaves a broken intent file alone, naming its file, line and field', async () => {
    const broken = EXISTING.replace('version: 1.13.0', 'version: 1.14.2');
    const paths = files({ 'intent.yaml': broken, 'rendered.yaml': RENDERED });

    const code = await run([paths['rendered.yaml']!], {
      image: [`app=${BUILT}`],
      namespace: 'shop',
    });

    expect(code).toBe(3);
    expect(stderr.join('')).toMatch(/intent\.yaml:\d+:\d+ workloads\[0\]\.releases\[1\]\.version/);
    expect(readFileSync(paths['intent.yaml']!, 'utf8')).toBe(broken);
  });
});
