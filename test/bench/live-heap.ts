/**
 * The live heap of the Kubernetes source alone: four sources over the
 * benchmark fleet in this process, heap measured after a forced full GC, so
 * that garbage from parsing does not count. Not part of the test suite.
 *
 * Run: node --expose-gc --import tsx test/bench/live-heap.ts [pods]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { silentLogger } from '../../exporter/src/log/logger.js';
import { KubernetesSource } from '../../exporter/src/sources/kubernetes/source.js';
import { writeKubeconfig } from '../fake-apiserver/kubeconfig.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const fleet = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'fleet.ts'), process.argv[2] ?? '50000'],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const first = await new Promise<string>((resolve) =>
  createInterface({ input: fleet.stdout! }).once('line', resolve),
);
const { urls } = JSON.parse(first) as { urls: string[] };
const dir = await mkdtemp(join(tmpdir(), 'realitycheck-heap-'));
try {
  const contexts = urls.map((server, i) => ({ name: `r${i}`, server }));
  const kubeconfig = await writeKubeconfig(dir, contexts);
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const sources = contexts.map(
    ({ name }) =>
      new KubernetesSource({
        region: name,
        access: { kubeconfig, context: name },
        maxStalenessMs: 0,
        logger: silentLogger(),
        startWaitMs: 300_000,
      }),
  );
  await Promise.all(sources.map((source) => source.start()));
  const syncMs = performance.now() - started;
  gc();
  const pods = sources.reduce((n, s) => n + (s.observe().state?.pods.length ?? 0), 0);
  const live = process.memoryUsage().heapUsed - before;
  process.stdout.write(
    `${JSON.stringify({ pods, syncMs: Math.round(syncMs), liveHeapMiB: Math.round(live / 2 ** 20), bytesPerPod: Math.round(live / pods) })}\n`,
  );
  await Promise.all(sources.map((source) => source.stop()));
} finally {
  fleet.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
