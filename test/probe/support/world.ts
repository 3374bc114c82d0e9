/**
 * The world of the reported-layer end-to-end tests, in a temporary folder:
 * a kubectl snapshot of Deployments in `shop` whose pods all have the IP
 * 127.0.0.1, an intent that probes each of them on its own loopback port,
 * and the exporter config. Nothing in it points anywhere but loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  deploymentStack,
  digest,
  kubectlList,
  withPodStatus,
  type KubeObject,
} from '../../../exporter/src/sources/testing/index.js';

/** The only address the world's pods have. */
export const LOOPBACK = '127.0.0.1';

/** One probed Deployment: two pods on 1.15.0, asked on `port`. */
export interface ProbedWorkload {
  name: string;
  port: number;
  format?: 'json' | 'prometheus';
}

/** A folder holding the files; remove() deletes it. */
export interface World {
  config: string;
  remove(): void;
}

/** The image of a workload's release, pinned by a digest made from its name and version. */
export const imageOf = (name: string, version: string) =>
  `reg.example.test/shop/${name}:${version}@${digest(`shop/${name} ${version}`)}`;

/** Writes the world and returns the config path to pass to `serve --config`. */
export function writeWorld(workloads: readonly ProbedWorkload[]): World {
  const dir = mkdtempSync(join(tmpdir(), 'realitycheck-probe-'));
  const objects = workloads.flatMap(({ name }) =>
    deploymentStack({ name, revisions: [{ image: imageOf(name, '1.15.0'), pods: 2 }] }),
  );
  const pods = objects.filter((o) => o.kind === 'Pod');
  pods.forEach((pod) => withPodStatus(pod, { podIP: LOOPBACK }));
  assertLoopbackOnly(pods);

  writeFileSync(join(dir, 'eu-west.json'), JSON.stringify(kubectlList(objects)));
  writeFileSync(join(dir, 'intent.yaml'), intentYaml(workloads));
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  return {
    config: join(dir, 'config.yaml'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The safety net of these tests: a pod with any other address stops the test before it starts. */
function assertLoopbackOnly(pods: readonly KubeObject[]): void {
  for (const pod of pods) {
    const status = pod.status as { podIP?: string; podIPs?: { ip: string }[] };
    const ips = [status.podIP, ...(status.podIPs ?? []).map((p) => p.ip)];
    if (ips.some((ip) => ip !== LOOPBACK)) throw new Error(`a pod is not on loopback: ${ips}`);
  }
}

const CONFIG = `intent: intent.yaml
evaluateInterval: 500ms
probeInterval: 1s
regions:
  - name: eu-west
    snapshot: { path: eu-west.json, maxAge: 0s }
`;

function intentYaml(workloads: readonly ProbedWorkload[]): string {
  const entries = workloads.map(
    ({ name, port, format }) => `  - name: ${name}
    namespace: shop
    kind: Deployment
    probe: { port: ${port}, format: ${format ?? 'json'}, timeout: 300ms }
    releases:
      - version: 1.15.0
        released: 2026-11-01T12:00:00Z
        containers:
          app: { image: ${imageOf(name, '1.15.0')} }
        flags: { new-checkout: true, max-items: 50 }
      - version: 1.14.2
        containers:
          app: { image: ${imageOf(name, '1.14.2')} }
`,
  );
  return `apiVersion: realitycheck/v1\nkind: Intent\nworkloads:\n${entries.join('')}`;
}
