/**
 * The running exporter: the intent reloader, one source per region, the
 * publisher and the HTTP server, started and stopped together.
 */
import { IntentReloader } from '../intent/reloader.js';
import type { Logger } from '../log/logger.js';
import { startingPublication, type BuildStatus } from '../metrics/exporter-status.js';
import { createServer } from '../server/app.js';
import type { RunningServer } from '../server/listen.js';
import { readinessOf } from '../server/readiness.js';
import type { WebConfig } from '../server/web-config.js';
import type { Shard } from '../sources/kubernetes/scope.js';
import { DEFAULT_PROBE_INTERVAL_MS } from '../sources/instance-probe.js';
import { startInstanceProbes, type InstanceProbes } from './probes.js';
import { Publisher } from './publisher.js';
import { startTrafficObservers, type TrafficObservers, type TrafficRegion } from './traffic.js';
import { createSource, sourceNameOf, type RuntimeRegion } from './sources.js';

export type { KubernetesRegion, RuntimeRegion, SnapshotRegion } from './sources.js';

/** Everything the exporter needs, resolved from config, environment and flags. */
export interface ExporterRuntimeOptions {
  intentPath: string;
  intentPollIntervalMs?: number;
  regions: RuntimeRegion[];
  /** Regions whose observed traffic layer is read from their Prometheus. */
  traffic?: TrafficRegion[];
  /** Live sources watch only the namespaces of this shard. */
  shard?: Shard;
  /** The installation's HMAC key for Secret hashes; without it Secrets keep change times only. */
  secretKey?: Uint8Array;
  host: string;
  port: number;
  evaluateIntervalMs: number;
  /** How often instances of probed workloads are asked what they run; default 30s. */
  probeIntervalMs?: number;
  digestsPerWorkload: number;
  build: BuildStatus;
  logger: Logger;
  /** TLS and basic auth of the endpoint; absent: plain HTTP, open. */
  web?: WebConfig;
  now?: () => number;
}

/** A started exporter. */
export interface RunningExporter {
  server: RunningServer;
  publisher: Publisher;
  /** Stops polling and evaluating, then closes the server after the requests in flight. */
  stop(): Promise<void>;
}

/** Starts the exporter; rejects when the first intent load fails or the port is taken. */
export async function startExporter(options: ExporterRuntimeOptions): Promise<RunningExporter> {
  const now = options.now ?? Date.now;
  const { logger } = options;
  const reloader = new IntentReloader({
    path: options.intentPath,
    logger,
    now,
    ...(options.intentPollIntervalMs !== undefined
      ? { pollIntervalMs: options.intentPollIntervalMs }
      : {}),
  });
  const loaded = await reloader.start();

  const shard = options.shard;
  const sources = await Promise.all(
    options.regions.map((region) =>
      createSource(region, {
        logger,
        onChange: () => publisher.requestPublish(),
        ...(shard !== undefined ? { shard } : {}),
        ...(options.secretKey !== undefined ? { secretKey: options.secretKey } : {}),
      }),
    ),
  );
  const limits = { digestsPerWorkload: options.digestsPerWorkload };
  const initial = startingPublication({
    at: now(),
    regions: options.regions.map((r) => ({ name: r.name, source: sourceNameOf(r) })),
    intent: { loadOk: true, lastLoadAt: loaded.lastAttemptAt, lastSuccessAt: loaded.lastSuccessAt },
    build: options.build,
    limits,
  });
  // Set once the observers have queried; the publisher may run before that.
  let traffic: TrafficObservers | undefined;
  const reported: { probes?: InstanceProbes } = {};
  const observe = () => sources.map((s) => s.observe());
  const publisher = new Publisher(
    {
      intent: () => reloader.status,
      // The reported layer joins each region's state here, before the pure engine reads it.
      regions: () => reported.probes?.merge(observe()) ?? observe(),
      build: options.build,
      limits,
      now,
      sourceKinds: () =>
        sources.flatMap((s, i) =>
          s.kinds !== undefined ? [{ region: options.regions[i]!.name, kinds: s.kinds() }] : [],
        ),
      ...(shard !== undefined ? { shard } : {}),
      observedTraffic: () => traffic?.observed() ?? {},
      trafficQueries: () => traffic?.queries() ?? [],
      probes: () => reported.probes?.status() ?? [],
    },
    initial,
  );
  reloader.onUpdate(() => publisher.requestPublish());

  await Promise.all(sources.map((s) => s.start()));
  if (options.traffic !== undefined && options.traffic.length > 0) {
    traffic = await startTrafficObservers(options.traffic, {
      logger,
      intent: () => reloader.status.intent,
      onChange: () => publisher.requestPublish(),
    });
  }
  reported.probes = await startInstanceProbes({
    logger,
    intent: () => reloader.status.intent,
    observations: observe,
    onChange: () => publisher.requestPublish(),
    intervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
  });
  publisher.publishNow();
  const ticker = setInterval(() => publisher.requestPublish(), options.evaluateIntervalMs);

  const server = await createServer({
    getPublication: () => publisher.publication,
    isReady: () => readinessOf(publisher.publication),
    logger,
    ...(options.web !== undefined ? { web: options.web } : {}),
  }).listen(options.host, options.port);

  return {
    server,
    publisher,
    stop: async () => {
      clearInterval(ticker);
      reloader.stop();
      traffic?.stop();
      await reported.probes?.stop();
      await Promise.all(sources.map((source) => source.stop()));
      await server.close();
    },
  };
}
