/**
 * The observed layer's PromQL: the query template, filled per service, and
 * its answer turned into each backend's share of requests. Pure: the HTTP
 * client is in prometheus-traffic.ts.
 */
import type { ObservedService } from '../verify/traffic/observed.js';

/**
 * Istio's standard request counter, counted where requests arrive
 * (`reporter="destination"`, so that clients outside the mesh count too),
 * summed by the label that names the backend.
 * https://istio.io/latest/docs/reference/config/metrics/
 */
export const DEFAULT_TRAFFIC_QUERY =
  'sum by ({{label}}) (rate(istio_requests_total{reporter="destination", ' +
  'destination_service_name="{{service}}", destination_service_namespace="{{namespace}}"}' +
  '[{{window}}]))';

/**
 * Istio sets `destination_version` from the pod's `version` label, which
 * DestinationRule subsets select on.
 */
export const DEFAULT_BACKEND_LABEL = 'destination_version';

/**
 * At most this many backends per service keep their own share; the rest
 * are summed under `other`, so that a label with many values (a version per
 * build) cannot grow the series of realitycheck_traffic_weight_ratio without bound.
 */
export const MAX_OBSERVED_BACKENDS = 8;

/** The backend of series that lack the backend label, and of folded backends. */
export const OTHER_BACKEND = 'other';

/** The values a query template can use. */
export interface TemplateValues {
  service: string;
  namespace: string;
  /** The query window in seconds. */
  windowSeconds: number;
  /** The label whose values name backends. */
  label: string;
}

/**
 * Fills `{{service}}`, `{{namespace}}`, `{{window}}` (e.g. `300s`) and
 * `{{label}}`. Service and namespace are escaped for a PromQL string; the
 * label is checked by the config schema to be a label name.
 */
export function renderQuery(template: string, values: TemplateValues): string {
  const fill: Record<string, string> = {
    service: escapePromQLString(values.service),
    namespace: escapePromQLString(values.namespace),
    window: `${Math.max(1, Math.round(values.windowSeconds))}s`,
    label: values.label,
  };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => fill[name] ?? whole);
}

function escapePromQLString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Why an answer could not be read; the message names what was wrong, never the body. */
export class QueryAnswerError extends Error {
  override readonly name = 'QueryAnswerError';
}

/** How an answer is turned into shares. */
export interface AnswerOptions {
  label: string;
  windowSeconds: number;
  minRequests: number;
  at: number;
}

/**
 * The body of /api/v1/query -> the observed split. Each sample is a
 * backend's request rate per second; rate x window estimates the requests
 * counted, and below `minRequests` a share would be noise, so it is unknown.
 * Throws QueryAnswerError when the body is not a successful instant vector.
 * https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries
 */
export function sharesFromAnswer(body: unknown, options: AnswerOptions): ObservedService {
  const rates = ratesByBackend(vectorOf(body), options.label);
  const total = [...rates.values()].reduce((sum, rate) => sum + rate, 0);
  const requests = total * options.windowSeconds;

  if (requests < options.minRequests) {
    const seen = `${Math.round(requests)} requests in ${options.windowSeconds}s`;
    const detail = `${seen}, fewer than ${options.minRequests}`;
    return { state: 'unknown', reason: 'TooFewRequests', detail };
  }
  const shares = Object.fromEntries([...rates].map(([backend, rate]) => [backend, rate / total]));
  return { state: 'ok', shares: foldBackends(shares), requests, at: options.at };
}

interface Sample {
  metric: Record<string, unknown>;
  value: unknown;
}

function vectorOf(body: unknown): Sample[] {
  const answer = body as { status?: unknown; error?: unknown; data?: unknown } | null;
  if (typeof answer !== 'object' || answer === null) {
    throw new QueryAnswerError('the answer is not a JSON object');
  }
  if (answer.status !== 'success') {
    const error = typeof answer.error === 'string' ? `: ${answer.error.slice(0, 200)}` : '';
    throw new QueryAnswerError(`Prometheus answered status ${String(answer.status)}${error}`);
  }
  const data = answer.data as { resultType?: unknown; result?: unknown } | undefined;
  if (data?.resultType !== 'vector' || !Array.isArray(data.result)) {
    throw new QueryAnswerError(
      `expected an instant vector, got ${String(data?.resultType)}; ` +
        'the query must sum by the backend label',
    );
  }
  return data.result.map((sample: unknown) => {
    const { metric, value } = (sample ?? {}) as Partial<Sample>;
    if (typeof metric !== 'object' || metric === null || !Array.isArray(value)) {
      throw new QueryAnswerError('a sample of the vector has no metric or value');
    }
    return { metric, value };
  });
}

function ratesByBackend(samples: readonly Sample[], label: string): Map<string, number> {
  const rates = new Map<string, number>();
  for (const sample of samples) {
    const rate = Number((sample.value as unknown[])[1]);
    if (!Number.isFinite(rate) || rate < 0) {
      throw new QueryAnswerError(
        `a sample has the value ${String((sample.value as unknown[])[1])}`,
      );
    }
    const named = sample.metric[label];
    const backend = typeof named === 'string' && named !== '' ? named : OTHER_BACKEND;
    rates.set(backend, (rates.get(backend) ?? 0) + rate);
  }
  return rates;
}

/** Keeps the largest backends and sums the rest under `other`. */
function foldBackends(shares: Record<string, number>): Record<string, number> {
  const ranked = Object.entries(shares).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length <= MAX_OBSERVED_BACKENDS) return shares;

  const kept = ranked.slice(0, MAX_OBSERVED_BACKENDS - 1).filter(([b]) => b !== OTHER_BACKEND);
  const keptShare = kept.reduce((sum, [, share]) => sum + share, 0);
  return { ...Object.fromEntries(kept), [OTHER_BACKEND]: 1 - keptShare };
}
