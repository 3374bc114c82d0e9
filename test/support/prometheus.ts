/**
 * Starts a real Prometheus (the Debian package) for a test: its own config
 * and storage in a temporary folder, a loopback port, a one-second scrape of
 * the exporter. Queries go through the HTTP API, as Grafana's would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort, startExporter, waitFor, type ExporterProcess } from './exporter.js';

/** The job name the scrape config gives the exporter's target. */
export const EXPORTER_JOB = 'realitycheck';

/** How long Prometheus gets to start, and to stop after SIGTERM before SIGKILL. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Polling of waitForQuery: often enough to see a 1 s scrape, bounded by default. */
const POLL_INTERVAL_MS = 250;
const DEFAULT_WAIT_MS = 20_000;
/** One query may not outlast a poll loop's deadline by much, even if Prometheus hangs. */
const QUERY_TIMEOUT_MS = 5_000;

/** Kept stderr, so that a failure message shows the end of the log without growing forever. */
const LOG_LIMIT_CHARS = 20_000;

/**
 * The answer of an instant query, one entry per series: the series' labels
 * as PromQL prints them (`{region="A",releases_behind="0"}`, `{}` for none)
 * mapped to its value. `__name__` is left out: the query already names the
 * metric, and aggregations drop it anyway. A scalar answer is keyed `scalar`.
 */
export type QueryResult = Record<string, number>;

/** A running Prometheus. */
export interface PrometheusProcess {
  url: string;
  /** The `instance` label of the exporter's target. */
  target: string;
  /** Runs an instant query at the current time; rejects when Prometheus reports an error. */
  query(expr: string): Promise<QueryResult>;
  /**
   * Polls `expr` until its answer equals `expected` exactly (same series,
   * same values) and rejects after `timeoutMs` with the last answer.
   */
  waitForQuery(expr: string, expected: QueryResult, timeoutMs?: number): Promise<void>;
  /** What Prometheus wrote to stderr so far (the end of it). */
  log(): string;
  /** SIGTERM, then SIGKILL after a timeout; then removes the temporary folder. */
  stop(): Promise<void>;
}

/** The instant-query response of /api/v1/query, as far as the tests read it. */
interface QueryResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: {
    resultType: 'vector' | 'scalar' | 'matrix' | 'string';
    result: unknown;
  };
}

/** Prometheus answered a query with an error: the query is wrong, so waiting will not help. */
export class QueryError extends Error {}

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Fails, never skips, when the binary is missing: a test that quietly
 * skips would let the Prometheus contract go unchecked.
 */
export function requireTool(name: 'prometheus' | 'promtool'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${name} is not installed: run \`npm test\`, which installs the Debian package prometheus ` +
      '(scripts/ensure-system-tools.sh)',
  );
}

/** The Prometheus config: one job scraping `target` every second. */
export function scrapeConfig(target: string): string {
  // honor_labels as DESIGN.md says: the exporter's own labels (namespace,
  // container, ...) must survive the scrape, as with kube-state-metrics.
  return `global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: ${EXPORTER_JOB}
    honor_labels: true
    static_configs:
      - targets: ['${target}']
`;
}

/**
 * Starts Prometheus scraping the exporter at `target` (`127.0.0.1:PORT`)
 * and resolves once /-/ready answers 200. `config` replaces the default
 * scrape config, e.g. for a target behind TLS and basic auth.
 */
export async function startPrometheus(
  target: string,
  config: string = scrapeConfig(target),
): Promise<PrometheusProcess> {
  const binary = requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'realitycheck-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, config);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-LOG_LIMIT_CHARS)));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A spawn failure emits 'error' and maybe no 'exit'; keep it for the failure message.
    child.once('error', (error) => {
      stderr += `\n${String(error)}`;
      resolve();
    });
  });
  const log = (): string => stderr;
  const stop = (): Promise<void> => stopProcess(child, exited).finally(() => removeDir(dir));

  try {
    await waitFor(`${url}/-/ready`, exited, log, START_TIMEOUT_MS);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    target,
    query: (expr) => instantQuery(url, expr),
    waitForQuery: (expr, expected, timeoutMs) =>
      waitForQuery(url, expr, expected, timeoutMs ?? DEFAULT_WAIT_MS, log),
    log,
    stop,
  };
}

/** An exporter and the Prometheus that scrapes it, started and stopped together. */
export interface ScrapedExporter {
  exporter: ExporterProcess;
  prometheus: PrometheusProcess;
  /** The series key of a scraped series: the exporter's labels plus the target's job and instance. */
  scraped(labels: Record<string, string>): string;
  /** Stops both, even when one fails to stop; rejects with the first failure. */
  stop(): Promise<void>;
}

/**
 * Starts `realitycheck serve` with `args` and a Prometheus scraping it, and
 * resolves after the first successful scrape, so that queries see data.
 */
export async function startScrapedExporter(args: string[]): Promise<ScrapedExporter> {
  requireTool('prometheus');
  const exporter = await startExporter(args, await freePort());
  let prometheus: PrometheusProcess;
  try {
    prometheus = await startPrometheus(new URL(exporter.url).host);
  } catch (error) {
    await exporter.stop();
    throw error;
  }

  const scraped = (labels: Record<string, string>): string =>
    seriesKey({ job: EXPORTER_JOB, instance: prometheus.target, ...labels });
  const stop = async (): Promise<void> => {
    const stops = await Promise.allSettled([prometheus.stop(), exporter.stop()]);
    for (const result of stops) if (result.status === 'rejected') throw result.reason;
  };
  try {
    // Prometheus 2.42 hands discovered targets to the scrape manager on a
    // fixed 5 s tick (no flag changes it), so this takes about 5.5 s.
    await prometheus.waitForQuery(`up{job="${EXPORTER_JOB}"}`, { [scraped({})]: 1 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { exporter, prometheus, scraped, stop };
}

/** Runs one instant query through the HTTP API and flattens its answer. */
export async function instantQuery(url: string, expr: string): Promise<QueryResult> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`, {
    signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
  });
  const body = (await response.json()) as QueryResponse;
  if (body.status !== 'success' || body.data === undefined) {
    throw new QueryError(
      `query ${expr} failed: ${body.errorType ?? response.status}: ${body.error}`,
    );
  }

  const { resultType, result } = body.data;
  if (resultType === 'scalar') return { scalar: Number((result as [number, string])[1]) };
  if (resultType !== 'vector') throw new QueryError(`query ${expr}: ${resultType} answer`);
  const flat: QueryResult = {};
  for (const sample of result as VectorSample[]) {
    const labels = { ...sample.metric };
    delete labels.__name__;
    flat[seriesKey(labels)] = Number(sample.value[1]);
  }
  return flat;
}

/** Labels as PromQL prints them, sorted by name: `{a="1",b="2"}`. */
export function seriesKey(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(',')}}`;
}

async function waitForQuery(
  url: string,
  expr: string,
  expected: QueryResult,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const want = canonical(expected);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const answer = canonical(await instantQuery(url, expr));
      if (answer === want) return;
      last = answer;
    } catch (error) {
      // A refused connection is worth retrying; a bad query is not.
      if (error instanceof QueryError) throw error;
      last = String(error);
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(
    `query ${expr} did not return ${want} within ${timeoutMs} ms; last answer: ${last}\n` +
      `prometheus log (end):\n${log().slice(-2000)}`,
  );
}

/** Sorted keys, so that two answers compare as strings; NaN kept visible. */
function canonical(result: QueryResult): string {
  const entries = Object.keys(result)
    .sort()
    .map((key) => `${key}: ${String(result[key])}`);
  return `{ ${entries.join(', ')} }`;
}

/** What `promtool check metrics` said about an exposition text, given on stdin. */
export interface PromtoolCheck {
  status: number | null;
  output: string;
}

/** Lints an exposition text with `promtool check metrics`; clean means status 0 and no output. */
export function promtoolCheckMetrics(exposition: string): PromtoolCheck {
  const result = spawnSync(requireTool('promtool'), ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    child.kill('SIGKILL');
    await exited;
  }
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
