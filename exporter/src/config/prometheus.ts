/**
 * A region's `prometheus:` section: where the observed layer of traffic is
 * read, and how. Every field but `url` has a default.
 */
import { z } from 'zod';

import { parseDuration } from '../intent/duration.js';
import { durationSchema } from '../intent/schema.js';
import type { PrometheusTrafficOptions } from '../sources/prometheus-traffic.js';
import { DEFAULT_BACKEND_LABEL, DEFAULT_TRAFFIC_QUERY } from '../sources/prometheus-query.js';

/** Defaults of the observed layer. */
export const PROMETHEUS_DEFAULTS = {
  /** Long enough to smooth bursts, short enough to see a change within minutes. */
  windowMs: 5 * 60_000,
  minRequests: 20,
  timeoutMs: 5_000,
  /** A rate over 5m moves little in 30s; querying more often only loads Prometheus. */
  intervalMs: 30_000,
};

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The schema of a region's `prometheus:` section. */
export const prometheusSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL of Prometheus' })
      .meta({ description: "The region's Prometheus, e.g. http://prometheus.istio-system:9090." }),
    query: z.string().min(1).optional().meta({
      description:
        'PromQL template giving request rate per backend; {{service}}, {{namespace}}, {{window}}, {{label}} are filled in. Default: Istio istio_requests_total.',
    }),
    backendLabel: z
      .string()
      .regex(LABEL_NAME, { error: 'expected a Prometheus label name' })
      .optional()
      .meta({ description: 'The label whose values name backends. Default destination_version.' }),
    window: durationSchema.optional().meta({ description: 'The rate window. Default 5m.' }),
    minRequests: z.number().min(0).optional().meta({
      description:
        'Below this many requests in the window the observed share is unknown. Default 20.',
    }),
    timeout: durationSchema.optional().meta({ description: 'Per query. Default 5s.' }),
    interval: durationSchema.optional().meta({ description: 'How often to query. Default 30s.' }),
  })
  .meta({ description: "The region's Prometheus, for the observed traffic split." });

/** The section as written, after validation. */
export type PrometheusSection = z.output<typeof prometheusSchema>;

/** Resolves a region's section with the defaults. */
export function prometheusOptions(section: PrometheusSection): PrometheusTrafficOptions {
  const duration = (text: string | undefined, fallback: number) =>
    text !== undefined ? parseDuration(text) : fallback;
  return {
    url: section.url,
    query: section.query ?? DEFAULT_TRAFFIC_QUERY,
    backendLabel: section.backendLabel ?? DEFAULT_BACKEND_LABEL,
    windowMs: duration(section.window, PROMETHEUS_DEFAULTS.windowMs),
    minRequests: section.minRequests ?? PROMETHEUS_DEFAULTS.minRequests,
    timeoutMs: duration(section.timeout, PROMETHEUS_DEFAULTS.timeoutMs),
    intervalMs: duration(section.interval, PROMETHEUS_DEFAULTS.intervalMs),
  };
}

/**
 * Gives each region the resolved `prometheus:` of its config entry. Regions
 * added by `--snapshot` flags have none.
 */
export function withPrometheus<R extends { name: string }>(
  regions: readonly R[],
  entries: ReadonlyArray<{ name: string; prometheus?: PrometheusSection | undefined }>,
): Array<R & { prometheus?: PrometheusTrafficOptions }> {
  return regions.map((region) => {
    const section = entries.find((entry) => entry.name === region.name)?.prometheus;
    return section !== undefined ? { ...region, prometheus: prometheusOptions(section) } : region;
  });
}

/** The effective `prometheus:` of a region for the start-up log; it holds no secrets. */
export function describePrometheus(options: PrometheusTrafficOptions): Record<string, unknown> {
  return {
    url: withoutCredentials(options.url),
    backendLabel: options.backendLabel,
    window: `${options.windowMs / 1000}s`,
    minRequests: options.minRequests,
    interval: `${options.intervalMs / 1000}s`,
  };
}

/** The URL without user and password, for logs. */
export function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
