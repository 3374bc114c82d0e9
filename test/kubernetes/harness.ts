/**
 * Test harness: fake API servers with fixture objects, a kubeconfig of the
 * test's own in a temporary folder, and KubernetesSources over them, all
 * cleaned up by `close()` even when a test fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLogger, silentLogger, type Logger } from '../../exporter/src/log/logger.js';
import {
  KubernetesSource,
  type KubernetesSourceOptions,
} from '../../exporter/src/sources/kubernetes/source.js';
import { FakeApiServer } from '../fake-apiserver/server.js';
import { writeKubeconfig } from '../fake-apiserver/kubeconfig.js';

/** Pauses short enough for tests: faults recover in well under a second. */
export const TEST_BACKOFF = {
  initialMs: 50,
  maxMs: 200,
  forbiddenRetryMs: 200,
  absentRetryMs: 500,
};

/** Everything one test set up. */
export interface Harness {
  dir: string;
  kubeconfig: string;
  servers: FakeApiServer[];
  sources: KubernetesSource[];
  /** A source over context `region-<i>` of the kubeconfig. */
  source(index: number, options?: Partial<KubernetesSourceOptions>): KubernetesSource;
  close(): Promise<void>;
}

/** Starts `count` fake API servers and writes a kubeconfig with one context per server. */
export async function startHarness(count = 1): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'realitycheck-k8s-'));
  const servers: FakeApiServer[] = [];
  const sources: KubernetesSource[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = new FakeApiServer();
      await server.start();
      servers.push(server);
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const contexts = servers.map((s, i) => ({ name: `region-${i}`, server: s.url }));
  const kubeconfig = await writeKubeconfig(dir, contexts);

  return {
    dir,
    kubeconfig,
    servers,
    sources,
    source(index, options = {}) {
      const source = new KubernetesSource({
        region: `region-${index}`,
        access: { kubeconfig, context: `region-${index}` },
        maxStalenessMs: 0,
        logger: silentLogger(),
        backoff: TEST_BACKOFF,
        ...options,
      });
      sources.push(source);
      return source;
    },
    async close() {
      await Promise.all(sources.map((s) => s.stop()));
      await Promise.all(servers.map((s) => s.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns true; fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
}

/** A logger that keeps its lines, for tests about what is logged. */
export function collectingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = {
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return {
    logger: createLogger({ level: 'debug', format: 'json', destination }),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
