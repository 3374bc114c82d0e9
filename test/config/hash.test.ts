/**
 * `realitycheck hash` and the exporter agree: a hash computed from rendered
 * manifests in CI, recorded in the intent, matches what `check` computes
 * from the cluster with the same ConfigMap, and stops matching when the
 * cluster's ConfigMap differs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import {
  configMap,
  configMapVolume,
  deploymentStack,
  digest,
  kubectlList,
  withConfig,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';
import { runCli } from '../support/exporter.js';

const IMAGE = `reg.example.test/shop/api:1.4@${digest('api 1.4')}`;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'realitycheck-hash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The Deployment, its ReplicaSet and pods, each reading api-cfg by env and as a directory. */
function stack(): KubeObject[] {
  const env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'api-cfg', key: 'MODE' } } }];
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
  return objects;
}

const apiCfg = (mode: string) =>
  // Changed long before the pods started, so only the hash decides.
  configMap({
    name: 'api-cfg',
    data: { MODE: mode, 'api.yaml': 'a: 1\n' },
    changedAt: '2026-11-01T00:00:00Z',
    creationTimestamp: '2026-11-01T00:00:00Z',
  });

function intent(config: string): string {
  return `apiVersion: realitycheck/v1
kind: Intent
workloads:
  - name: api
    namespace: shop
    releases:
      - version: "1.4"
        containers:
          app: { image: ${IMAGE}, platforms: [] }
        config: ${config}
`;
}

async function check(clusterMode: string, config: string) {
  writeFileSync(join(dir, 'intent.yaml'), intent(config));
  writeFileSync(
    join(dir, 'eu.json'),
    JSON.stringify(kubectlList([...stack(), apiCfg(clusterMode)])),
  );
  const args = [
    'check',
    '--intent',
    join(dir, 'intent.yaml'),
    '--snapshot',
    `eu=${join(dir, 'eu.json')}`,
  ];
  const run = await runCli([...args, '--max-age', '0', '--format', 'json']);
  const document = JSON.parse(run.stdout) as { findings: { check: string; reason: string }[] };
  return document.findings.filter((f) => f.check === 'config').map((f) => f.reason);
}

describe('realitycheck hash', () => {
  it('computes from rendered manifests the hash the exporter computes from the cluster', async () => {
    const deployment = stack().find((o) => o.kind === 'Deployment')!;
    const rendered = [deployment, apiCfg('fast')].map((o) => stringify(o)).join('---\n');
    writeFileSync(join(dir, 'rendered.yaml'), rendered);

    const hash = await runCli(['hash', join(dir, 'rendered.yaml'), '--workload', 'api']);
    const all = await runCli(['hash', join(dir, 'rendered.yaml')]);

    expect(hash.code).toBe(0);
    expect(hash.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(all.stdout).toBe(`Deployment/shop/api ${hash.stdout}`);
    expect(await check('fast', hash.stdout.trim())).toEqual([]);
    expect((await check('slow', hash.stdout.trim())).sort()).toEqual([
      'DeclaredConfigDiffers',
      'RunningConfigDiffers',
    ]);
  });

  it('exits 3 naming the workloads when --workload names none of them', async () => {
    writeFileSync(join(dir, 'rendered.json'), JSON.stringify(kubectlList(stack())));

    const run = await runCli(['hash', join(dir, 'rendered.json'), '--workload', 'web']);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--workload web: found 0; workloads: api');
  });
});

describe('realitycheck hash on input it cannot use', () => {
  it.each([
    ['a missing file', () => join(dir, 'nope.yaml'), /nope\.yaml: no such file$/],
    ['a folder', () => dir, /: is a folder; give the manifest files in it$/],
    [
      'manifests without a workload',
      () => {
        const file = join(dir, 'only-config.yaml');
        writeFileSync(file, stringify(configMap({ name: 'api-cfg', data: { MODE: 'fast' } })));
        return file;
      },
      /only-config\.yaml: no Deployment, StatefulSet, DaemonSet or Rollout to hash$/,
    ],
  ])('exits 3 with one line naming the file for %s', async (_title, input, message) => {
    const result = await runCli(['hash', input()]);

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });
});
