/**
 * The benchmark's fleet: four fake API servers (one per region) in their own
 * process, so that serving JSON does not share an event loop or a heap with
 * the exporter being measured. Pods are padded to the size of real ones
 * (managedFields, env, volumes, annotations: about 6 KB of JSON each).
 *
 * Reads commands on stdin: `delete REGION` deletes one pod of the region's
 * first workload and answers `deleted NAME` on stdout.
 * Run by kubernetes.ts; prints `{"urls":[...],"podBytes":N}` when ready.
 */
import { createInterface } from 'node:readline';

import { deploymentStack, digest } from '../../exporter/src/sources/testing/index.js';
import type { KubeObject } from '../fake-apiserver/cluster.js';
import { FakeApiServer } from '../fake-apiserver/server.js';

const REGIONS = 4;
const NAMESPACES = 25;
const DEPLOYMENTS_PER_NAMESPACE = 5;

/** The image of a benchmark workload. */
export function benchImage(name: string): string {
  return `reg.example.test/bench/${name}:1.0.0@${digest(`bench ${name}`)}`;
}

/** Namespace and name of each benchmark workload. */
export function benchWorkloads(): { namespace: string; name: string }[] {
  return Array.from({ length: NAMESPACES * DEPLOYMENTS_PER_NAMESPACE }, (_, i) => ({
    namespace: `team-${i % NAMESPACES}`,
    name: `svc-${Math.floor(i / NAMESPACES)}`,
  }));
}

/** Fields a real API server returns that no check reads: the bulk a projection drops. */
function padded(pod: KubeObject): KubeObject {
  const metadata = pod.metadata as Record<string, unknown>;
  const spec = pod.spec as { containers: Record<string, unknown>[] };
  const fieldsV1 = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`f:field-${i}`, { 'f:value': {}, 'f:name': {} }]),
  );
  metadata.managedFields = [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1,
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      subresource: 'status',
      fieldsType: 'FieldsV1',
      fieldsV1,
    },
  ];
  metadata.annotations = {
    'kubectl.kubernetes.io/restartedAt': '2026-11-30T12:00:00Z',
    'prometheus.io/scrape': 'true',
  };
  for (const container of spec.containers) {
    container.env = Array.from({ length: 12 }, (_, i) => ({
      name: `SETTING_${i}`,
      value: `value-${i}-${'x'.repeat(20)}`,
    }));
    container.volumeMounts = [
      {
        name: 'kube-api-access',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
      },
      { name: 'config', mountPath: '/etc/app' },
    ];
    container.resources = {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '256Mi' },
    };
  }
  return pod;
}

function regionObjects(podsPerRegion: number): KubeObject[] {
  const workloads = benchWorkloads();
  const perWorkload = Math.ceil(podsPerRegion / workloads.length);
  return workloads.flatMap(({ namespace, name }) =>
    deploymentStack({
      namespace,
      name,
      revisions: [{ image: benchImage(name), pods: perWorkload }],
    }).map((object) => (object.kind === 'Pod' ? padded(object) : object)),
  );
}

async function main(): Promise<void> {
  const totalPods = Number(process.argv[2] ?? '10000');
  const objects = regionObjects(Math.ceil(totalPods / REGIONS));
  const servers: FakeApiServer[] = [];
  for (let i = 0; i < REGIONS; i++) {
    const server = new FakeApiServer();
    server.cluster.apply(...objects);
    await server.start();
    servers.push(server);
  }
  const pods = objects.filter((o) => o.kind === 'Pod');
  const podBytes = Math.round(JSON.stringify(pods.slice(0, 100)).length / 100);
  process.stdout.write(
    `${JSON.stringify({ urls: servers.map((s) => s.url), podBytes, podsPerRegion: pods.length })}\n`,
  );

  const victims = servers.map(() =>
    pods.filter((p) => JSON.stringify(p.metadata).includes('"svc-0"')),
  );
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, region] = line.split(' ');
    if (command !== 'delete') continue;
    const index = Number(region);
    const victim = victims[index]!.shift()!;
    servers[index]!.cluster.delete(victim);
    process.stdout.write(`deleted ${(victim.metadata as { name: string }).name}\n`);
  }
  await Promise.all(servers.map((s) => s.stop()));
}

await main();
