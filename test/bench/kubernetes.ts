/**
 * Benchmark of the live Kubernetes source (not part of the test suite):
 * 10k and 50k pods over four regions served by fake API servers in another
 * process; the built exporter watches them. Reports time to the first
 * complete sync, RSS and heap after sync, /metrics latency and
 * event-to-metric latency, and the same sync through client-node's
 * informers (whole objects cached) as a baseline.
 *
 * Run: npm run build -w exporter && npx tsx test/bench/kubernetes.ts [10000 50000]
 * EXPORTER_NODE_OPTIONS=--max-old-space-size=160 runs the exporter as deploy/kubernetes does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

import { writeKubeconfig } from '../fake-apiserver/kubeconfig.js';
import { CLI, freePort, REPO } from '../support/exporter.js';
import { benchImage, benchWorkloads } from './fleet.js';

const REGIONS = ['r0', 'r1', 'r2', 'r3'];
const SCRAPES = 100;
const EVENTS = 10;
const SYNC_LIMIT_MS = 120_000;
const POD = 'kind="Pod"';

interface Fleet {
  child: ChildProcess;
  lines: Interface;
  urls: string[];
  podBytes: number;
  podsPerRegion: number;
}

async function startFleet(pods: number): Promise<Fleet> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fleet.ts'), String(pods)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const first = await nextLine(lines);
  const fleet = JSON.parse(first) as { urls: string[]; podBytes: number; podsPerRegion: number };
  return { child, lines, ...fleet };
}

function nextLine(lines: Interface): Promise<string> {
  return new Promise((resolve) => lines.once('line', resolve));
}

function intentYaml(): string {
  const workloads = benchWorkloads().map(
    ({ namespace, name }) =>
      `  - { name: ${name}, namespace: ${namespace}, kind: Deployment, releases: [{ version: 1.0.0, containers: { app: { image: "${benchImage(name)}" } } }] }`,
  );
  return ['apiVersion: realitycheck/v1', 'kind: Intent', 'workloads:', ...workloads, ''].join('\n');
}

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

function sumOf(text: string, prefix: string, contains = ''): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix) && line.includes(contains))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function waitForSync(url: string, pods: number, started: number): Promise<number> {
  while (performance.now() - started < SYNC_LIMIT_MS) {
    try {
      const text = await scrape(url);
      const up = sumOf(text, 'realitycheck_source_up{');
      if (up === REGIONS.length && sumOf(text, 'realitycheck_source_objects{', POD) >= pods) {
        return performance.now() - started;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no complete sync within ${SYNC_LIMIT_MS} ms`);
}

/** What one run measured. */
interface Result {
  pods: number;
  podBytes: number;
  syncMs: number;
  rss: number;
  heapUsed: number;
  metricsBytes: number;
  scrapeP50: number;
  scrapeP99: number;
  eventP50: number;
  eventMax: number;
  baseline: { syncMs: number; rss: number; heapUsed: number; objects: number };
}

async function scrapeLatencies(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    await scrape(url);
    times.push(performance.now() - started);
  }
  return times;
}

/** Deletes one pod per round and times until /metrics shows one pod fewer in that region. */
async function eventLatencies(fleet: Fleet, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const region = i % REGIONS.length;
    const series = `realitycheck_source_objects{region="${REGIONS[region]}",kind="Pod"}`;
    const before = sumOf(await scrape(url), series);
    const started = performance.now();
    fleet.child.stdin!.write(`delete ${region}\n`);
    await nextLine(fleet.lines);
    while (sumOf(await scrape(url), series) !== before - 1) {
      if (performance.now() - started > 30_000) throw new Error('event not seen within 30 s');
    }
    times.push(performance.now() - started);
  }
  return times;
}

async function runBaseline(kubeconfig: string): Promise<Result['baseline']> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'informer-baseline.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, KUBECONFIG: kubeconfig, CONTEXTS: REGIONS.join(',') },
    },
  );
  const line = await nextLine(createInterface({ input: child.stdout! }));
  return JSON.parse(line) as Result['baseline'];
}

async function measure(pods: number, dir: string): Promise<Result> {
  const fleet = await startFleet(pods);
  try {
    const contexts = fleet.urls.map((server, i) => ({ name: REGIONS[i]!, server }));
    const kubeconfig = await writeKubeconfig(dir, contexts);
    await writeFile(join(dir, 'intent.yaml'), intentYaml());
    const regions = REGIONS.map(
      (name) =>
        `  - { name: ${name}, kubernetes: { kubeconfig: ${kubeconfig}, context: ${name} } }`,
    );
    await writeFile(
      join(dir, 'config.yaml'),
      ['intent: ./intent.yaml', 'regions:', ...regions, ''].join('\n'),
    );

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const exporter = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--config',
        join(dir, 'config.yaml'),
        '--listen',
        `127.0.0.1:${port}`,
        '--log-level',
        'warn',
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        // EXPORTER_NODE_OPTIONS: V8 flags for the exporter only, e.g. the Deployment's heap cap.
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          NODE_OPTIONS: process.env.EXPORTER_NODE_OPTIONS ?? '',
        },
      },
    );
    try {
      const total = fleet.podsPerRegion * REGIONS.length;
      const syncMs = await waitForSync(url, total, started);
      await new Promise((r) => setTimeout(r, 2_000));
      const rss = rssOf(exporter.pid!);
      const text = await scrape(url);
      const heapUsed = sumOf(text, 'nodejs_heap_size_used_bytes');
      const scrapes = await scrapeLatencies(url);
      const events = await eventLatencies(fleet, url);
      exporter.kill('SIGTERM');
      const baseline = await runBaseline(kubeconfig);
      return {
        pods: total,
        podBytes: fleet.podBytes,
        syncMs,
        rss,
        heapUsed,
        metricsBytes: text.length,
        scrapeP50: percentile(scrapes, 50),
        scrapeP99: percentile(scrapes, 99),
        eventP50: percentile(events, 50),
        eventMax: Math.max(...events),
        baseline,
      };
    } finally {
      if (exporter.exitCode === null) exporter.kill('SIGTERM');
    }
  } finally {
    fleet.child.stdin!.end();
    fleet.child.kill('SIGTERM');
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(results: Result[]): string {
  const rows = results.map((r) =>
    [
      r.pods,
      `${(r.podBytes / 1024).toFixed(1)} KB`,
      `${(r.syncMs / 1000).toFixed(1)} s`,
      mib(r.rss),
      mib(r.heapUsed),
      `${ms(r.scrapeP50)} / ${ms(r.scrapeP99)}`,
      `${(r.metricsBytes / 1024).toFixed(0)} KB`,
      `${ms(r.eventP50)} / ${ms(r.eventMax)}`,
      `${(r.baseline.syncMs / 1000).toFixed(1)} s`,
      mib(r.baseline.rss),
      mib(r.baseline.heapUsed),
      `${(r.baseline.rss / r.rss).toFixed(1)}x`,
    ].join(' | '),
  );
  return [
    '| pods | pod JSON | first sync | RSS | heap | /metrics p50 / p99 | /metrics size | event to /metrics p50 / max | informer sync | informer RSS | informer heap | RSS ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

const sizes = process.argv.slice(2).map(Number);
const results: Result[] = [];
const dir = await mkdtemp(join(tmpdir(), 'realitycheck-bench-'));
try {
  for (const pods of sizes.length > 0 ? sizes : [10_000, 50_000]) {
    results.push(await measure(pods, dir));
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.stdout.write(`node ${process.version}, ${REPO}\n${table(results)}\n`);
