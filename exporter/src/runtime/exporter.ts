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
import { SnapshotSource, snapshotSourceName } from '../sources/snapshot-source.js';
import { Publisher } from './publisher.js';

/** One region and its snapshot source. */
export interface SnapshotRegion {
  name: string;
  path: string;
  maxAgeMs: number;
  pollIntervalMs?: number;
}

/** Everything the exporter needs, resolved from config, environment and flags. */
export interface ExporterRuntimeOptions {
  intentPath: string;
  intentPollIntervalMs?: number;
  regions: SnapshotRegion[];
  host: string;
  port: number;
  evaluateIntervalMs: number;
  digestsPerWorkload: number;
  build: BuildStatus;
  logger: Logger;
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

  const sources = options.regions.map(
    (region) =>
      new SnapshotSource({
        region: region.name,
        path: region.path,
        maxAgeMs: region.maxAgeMs,
        logger: logger.child({ region: region.name }),
        onChange: () => publisher.requestPublish(),
        ...(region.pollIntervalMs !== undefined ? { pollIntervalMs: region.pollIntervalMs } : {}),
      }),
  );
  const limits = { digestsPerWorkload: options.digestsPerWorkload };
  const initial = startingPublication({
    at: now(),
    regions: options.regions.map((r) => ({ name: r.name, source: snapshotSourceName(r.path) })),
    intent: { loadOk: true, lastLoadAt: loaded.lastAttemptAt, lastSuccessAt: loaded.lastSuccessAt },
    build: options.build,
    limits,
  });
  const publisher = new Publisher(
    {
      intent: () => reloader.status,
      regions: () => sources.map((s) => s.observe()),
      build: options.build,
      limits,
      now,
    },
    initial,
  );
  reloader.onUpdate(() => publisher.requestPublish());

  await Promise.all(sources.map((s) => s.start()));
  publisher.publishNow();
  const ticker = setInterval(() => publisher.requestPublish(), options.evaluateIntervalMs);

  const server = await createServer({
    getPublication: () => publisher.publication,
    isReady: () => readinessOf(publisher.publication),
    logger,
  }).listen(options.host, options.port);

  return {
    server,
    publisher,
    stop: async () => {
      clearInterval(ticker);
      reloader.stop();
      for (const source of sources) source.stop();
      await server.close();
    },
  };
}
