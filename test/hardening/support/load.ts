/**
 * Drives an exporter the way many Prometheus servers and dashboards would:
 * many clients scraping /metrics and the findings view at once, each answer
 * checked for completeness and self-consistency, latencies recorded.
 */
import { findingsProblems, metricsProblems } from './consistency.js';

/** What a load run saw. */
export interface LoadResult {
  made: number;
  failed: number;
  /** Milliseconds per request, in completion order. */
  latenciesMs: number[];
  /** The first few failures, for the message of a failing test. */
  failures: string[];
}

/** How to drive the exporter. */
export interface LoadOptions {
  baseUrl: string;
  clients: number;
  durationMs: number;
  /** Per request; a scrape slower than this counts as failed. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const PATHS = ['/metrics', '/api/v1/findings'] as const;
const FAILURES_KEPT = 10;

/** Runs `clients` loops for `durationMs`; every answer is checked. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { made: 0, failed: 0, latenciesMs: [], failures: [] };
  const deadline = Date.now() + options.durationMs;

  const client = async (index: number): Promise<void> => {
    for (let i = index; Date.now() < deadline; i++) {
      const path = PATHS[i % PATHS.length] as (typeof PATHS)[number];
      const problem = await scrapeOnce(options, path, result);
      result.made++;
      if (problem === undefined) continue;
      result.failed++;
      if (result.failures.length < FAILURES_KEPT) result.failures.push(`${path}: ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  return result;
}

async function scrapeOnce(
  options: LoadOptions,
  path: string,
  result: LoadResult,
): Promise<string | undefined> {
  const start = performance.now();
  try {
    const response = await fetch(`${options.baseUrl}${path}`, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
    });
    const text = await response.text();
    result.latenciesMs.push(performance.now() - start);
    if (response.status !== 200) return `status ${response.status}`;

    const problems = path === '/metrics' ? metricsProblems(text) : findingsProblems(text);
    return problems.length > 0 ? problems.slice(0, 3).join('; ') : undefined;
  } catch (error) {
    return String(error);
  }
}

/** The p-th percentile (0..100) of some values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** One sample of a metric from an exposition text, e.g. the exporter's own heap. */
export async function scrapeValue(baseUrl: string, metric: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric} `) || l.startsWith(`${metric}{`));
  if (line === undefined) throw new Error(`${metric} not in /metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}
