/**
 * `realitycheck serve`: parse, validate, run. Resolves options, starts the
 * exporter and stops it cleanly on SIGTERM or SIGINT.
 */
import { describeOptions, resolveOptions, type OptionFlags } from '../config/options.js';
import { createLogger, type LogFormat, type LogLevel } from '../log/logger.js';
import { startExporter } from '../runtime/exporter.js';
import { runtimeRegionOf } from '../runtime/sources.js';
import { describeWebConfig, loadWebConfig } from '../server/web-config.js';
import { readSecretKey } from '../config/secrets.js';
import { buildInfo } from './build-info.js';
import { describeFailure } from './failure.js';

/** Flags of `serve`. */
export interface ServeFlags extends OptionFlags {
  listen?: string;
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

/** Runs until a signal; resolves with the exit status. */
export async function serveCommand(flags: ServeFlags): Promise<number> {
  let options;
  try {
    options = resolveOptions({ flags, env: process.env });
  } catch (error) {
    process.stderr.write(`realitycheck serve: ${describeFailure(error)}\n`);
    return 1;
  }

  const logger = createLogger({ level: options.logLevel, format: options.logFormat });
  const build = buildInfo();
  logger.info({ ...build, options: describeOptions(options) }, 'starting');

  let exporter;
  try {
    const secretKey = readSecretKey(options.secretKey ?? { source: 'none' }, process.env);
    if (secretKey === undefined) {
      logger.info('no HMAC key configured: Secrets are tracked by change time only');
    }
    const web =
      options.webConfigFile !== undefined ? loadWebConfig(options.webConfigFile) : undefined;
    if (web !== undefined) logger.info({ web: describeWebConfig(web) }, 'web config loaded');
    if (web !== undefined && web.tls === undefined && web.users.size > 0) {
      logger.warn({ file: web.file }, 'basic auth without TLS sends passwords in the clear');
    }
    exporter = await startExporter({
      ...(web !== undefined ? { web } : {}),
      ...(secretKey !== undefined ? { secretKey } : {}),
      intentPath: options.intentPath,
      regions: options.regions.map(runtimeRegionOf),
      traffic: options.regions.flatMap(({ name, prometheus }) =>
        prometheus !== undefined ? [{ region: name, prometheus }] : [],
      ),
      ...(options.shard !== undefined ? { shard: options.shard } : {}),
      host: options.listen.host,
      port: options.listen.port,
      evaluateIntervalMs: options.evaluateIntervalMs,
      ...(options.probeIntervalMs !== undefined
        ? { probeIntervalMs: options.probeIntervalMs }
        : {}),
      digestsPerWorkload: options.limits.digestsPerWorkload,
      build,
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'cannot start');
    logger.flush?.();
    process.stderr.write(`realitycheck serve: ${describeFailure(error)}\n`);
    return 1;
  }

  await waitForSignal();
  logger.info('stopping');
  const stopped = await stopWithin(exporter.stop(), STOP_DEADLINE_MS);
  if (!stopped) logger.warn({ deadline_ms: STOP_DEADLINE_MS }, 'stop took too long; exiting');
  else logger.info('stopped');
  logger.flush?.();
  return 0;
}

/**
 * How long stopping may take before the process exits anyway: past the
 * server's own grace for requests in flight, inside Kubernetes' default
 * 30 s between SIGTERM and SIGKILL.
 */
export const STOP_DEADLINE_MS = 10_000;

function stopWithin(stopping: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    stopping.then(
      () => resolve(true),
      () => resolve(false),
    );
  });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}
