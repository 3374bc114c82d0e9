/**
 * The observed layer of one region: asks the region's Prometheus, on an
 * interval, how each intended service's requests split between backends.
 * A failed query is data: the service's share is unknown, the failure is
 * counted, and one log line says so until the queries answer again.
 */
import type { Logger } from '../log/logger.js';
import type { TrafficQueryStatus } from '../metrics/traffic.js';
import {
  serviceKey,
  type ObservedRegionTraffic,
  type ObservedService,
} from '../verify/traffic/observed.js';
import { renderQuery, sharesFromAnswer } from './prometheus-query.js';

/** Where and how to query; resolved from the region's `prometheus:` config. */
export interface PrometheusTrafficOptions {
  /** The Prometheus base URL, e.g. http://prometheus.istio-system:9090. */
  url: string;
  /** The PromQL template (prometheus-query.ts). */
  query: string;
  /** The label whose values name backends. */
  backendLabel: string;
  windowMs: number;
  /** Below this many requests in the window, a share is unknown. */
  minRequests: number;
  timeoutMs: number;
  intervalMs: number;
}

/** A service whose traffic the intent splits in this region. */
export interface ServiceRef {
  namespace: string;
  service: string;
}

/** What the source needs besides its options. */
export interface PrometheusTrafficContext {
  region: string;
  options: PrometheusTrafficOptions;
  logger: Logger;
  /** The services to query, read again before every round (the intent may change). */
  services: () => readonly ServiceRef[];
  /** Called after every round, so that the publisher evaluates the new answers. */
  onChange: () => void;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Queries one region's Prometheus on an interval and keeps the last answers. */
export class PrometheusTrafficSource {
  private answers: Record<string, ObservedService> = {};
  private up = true;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly context: PrometheusTrafficContext) {}

  /** Queries now, then every interval; resolves after the first round. */
  async start(): Promise<void> {
    await this.round();
    this.timer = setInterval(() => void this.round(), this.context.options.intervalMs);
  }

  /** Stops querying; a round in flight ends on its own timeout. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The last answer per service, as the engine reads it. */
  observe(): ObservedRegionTraffic {
    return { services: { ...this.answers } };
  }

  /** The health of the queries, for the metrics. */
  status(): TrafficQueryStatus {
    return { region: this.context.region, up: this.up, failures: this.failures };
  }

  /** One round: every service once. A round still running when the next is due is not doubled. */
  round(): Promise<void> {
    this.inFlight ??= this.queryAll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async queryAll(): Promise<void> {
    const services = this.context.services();
    const results = await Promise.all(services.map((ref) => this.queryService(ref)));

    const answers: Record<string, ObservedService> = {};
    services.forEach((ref, i) => (answers[serviceKey(ref.namespace, ref.service)] = results[i]!));
    this.answers = answers;
    this.noteHealth(results);
    this.context.onChange();
  }

  private async queryService(ref: ServiceRef): Promise<ObservedService> {
    const { options } = this.context;
    const windowSeconds = options.windowMs / 1000;
    const query = renderQuery(options.query, {
      ...ref,
      windowSeconds,
      label: options.backendLabel,
    });
    try {
      const body = await this.get(query);
      const at = (this.context.now ?? Date.now)();
      return sharesFromAnswer(body, {
        label: options.backendLabel,
        windowSeconds,
        minRequests: options.minRequests,
        at,
      });
    } catch (error) {
      this.failures += 1;
      return { state: 'unknown', reason: 'QueryFailed', detail: describeError(error) };
    }
  }

  private async get(query: string): Promise<unknown> {
    const { options } = this.context;
    const url = new URL('api/v1/query', withSlash(options.url));
    url.searchParams.set('query', query);

    const response = await (this.context.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: 'application/json' },
    });
    // Prometheus answers 400 and 422 with a JSON error body that says what is wrong.
    const body: unknown = await response.json().catch(() => {
      throw new Error(`HTTP ${response.status}, and the body is not JSON`);
    });
    return body;
  }

  /** Logs once when the queries start failing and once when they answer again. */
  private noteHealth(results: readonly ObservedService[]): void {
    const failed = results.find((r) => r.state === 'unknown' && r.reason === 'QueryFailed');
    const { logger, options } = this.context;
    if (failed !== undefined && this.up) {
      const detail = failed.state === 'unknown' ? failed.detail : '';
      logger.warn(
        { url: options.url, err: detail },
        'traffic query failed; the observed layer is unknown',
      );
    } else if (failed === undefined && !this.up) {
      logger.info({ url: options.url }, 'traffic queries answer again');
    }
    this.up = failed === undefined;
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** A short reason for people; fetch wraps the network error in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'the query timed out';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
