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
import type { RegionSource } from '../sources/region-source.js';
import { logUnconfiguredRegions } from './intent-regions.js';
import { startInstanceProbes, type InstanceProbes } from './probes.js';
import { Publisher, type PublisherInputs } from './publisher.js';
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

/** The layers that join after the sources have synced: observed traffic, reported instances. */
interface LateLayers {
  traffic?: TrafficObservers;
  probes?: InstanceProbes;
}

/** Starts the exporter; rejects when the first intent load fails or the port is taken. */
export async function startExporter(options: ExporterRuntimeOptions): Promise<RunningExporter> {
  const now = options.now ?? Date.now;
  const reloader = new IntentReloader({
    path: options.intentPath,
    logger: options.logger,
    now,
    ...(options.intentPollIntervalMs !== undefined
      ? { pollIntervalMs: options.intentPollIntervalMs }
      : {}),
  });
  const loaded = await reloader.start();
  const regionNames = options.regions.map((region) => region.name);
  logUnconfiguredRegions(loaded.intent, regionNames, options.logger);

  // Sources and layers ask for an evaluation; the publisher exists a moment later.
  const ready: { publisher?: Publisher } = {};
  const requestPublish = () => ready.publisher?.requestPublish();
  const sources = await createSources(options, requestPublish);
  const late: LateLayers = {};
  const publisher = new Publisher(
    publisherInputs(options, now, reloader, sources, late),
    startingPublication({
      at: now(),
      regions: options.regions.map((r) => ({ name: r.name, source: sourceNameOf(r) })),
      intent: {
        loadOk: true,
        lastLoadAt: loaded.lastAttemptAt,
        lastSuccessAt: loaded.lastSuccessAt,
      },
      build: options.build,
      limits: { digestsPerWorkload: options.digestsPerWorkload },
    }),
  );
  ready.publisher = publisher;
  reloader.onUpdate((status, outcome) => {
    if (outcome === 'changed') logUnconfiguredRegions(status.intent, regionNames, options.logger);
    requestPublish();
  });

  let ticker: NodeJS.Timeout | undefined;
  const stopWork = async () => {
    clearInterval(ticker);
    reloader.stop();
    late.traffic?.stop();
    await late.probes?.stop();
    await Promise.all(sources.map((source) => source.stop()));
  };

  try {
    await Promise.all(sources.map((s) => s.start()));
    await startLateLayers(options, reloader, sources, late, requestPublish);
    publisher.publishNow();
    ticker = setInterval(requestPublish, options.evaluateIntervalMs);

    const server = await createServer({
      getPublication: () => publisher.publication,
      isReady: () => readinessOf(publisher.publication),
      logger: options.logger,
      ...(options.web !== undefined ? { web: options.web } : {}),
    }).listen(options.host, options.port);
    const stop = async () => {
      await stopWork();
      await server.close();
    };
    return { server, publisher, stop };
  } catch (error) {
    // A port already taken, say: stop what runs, or its timers keep the
    // process alive after the error has been reported.
    await stopWork();
    throw error;
  }
}

function createSources(
  options: ExporterRuntimeOptions,
  onChange: () => void,
): Promise<RegionSource[]> {
  const { shard, secretKey } = options;
  return Promise.all(
    options.regions.map((region) =>
      createSource(region, {
        logger: options.logger,
        onChange,
        ...(shard !== undefined ? { shard } : {}),
        ...(secretKey !== undefined ? { secretKey } : {}),
      }),
    ),
  );
}

/** What each evaluation reads: the intent, every region, and the late layers once they run. */
function publisherInputs(
  options: ExporterRuntimeOptions,
  now: () => number,
  reloader: IntentReloader,
  sources: RegionSource[],
  late: LateLayers,
): PublisherInputs {
  const observe = () => sources.map((s) => s.observe());
  return {
    intent: () => reloader.status,
    // The reported layer joins each region's state here, before the pure engine reads it.
    regions: () => late.probes?.merge(observe()) ?? observe(),
    build: options.build,
    limits: { digestsPerWorkload: options.digestsPerWorkload },
    now,
    sourceKinds: () =>
      sources.flatMap((s, i) =>
        s.kinds !== undefined ? [{ region: options.regions[i]!.name, kinds: s.kinds() }] : [],
      ),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
    observedTraffic: () => late.traffic?.observed() ?? {},
    trafficQueries: () => late.traffic?.queries() ?? [],
    probes: () => late.probes?.status() ?? [],
  };
}

/** Starts the traffic observers and instance probes, which need synced sources. */
async function startLateLayers(
  options: ExporterRuntimeOptions,
  reloader: IntentReloader,
  sources: RegionSource[],
  late: LateLayers,
  onChange: () => void,
): Promise<void> {
  const intent = () => reloader.status.intent;
  if (options.traffic !== undefined && options.traffic.length > 0) {
    late.traffic = await startTrafficObservers(options.traffic, {
      logger: options.logger,
      intent,
      onChange,
    });
  }
  late.probes = await startInstanceProbes({
    logger: options.logger,
    intent,
    observations: () => sources.map((s) => s.observe()),
    onChange,
    intervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
  });
}
