// Measures the exporter on the demo data: time from process start to
// /readyz, /metrics size, and /metrics latency (sequential and with 10
// concurrent clients), plus the resident memory afterwards.
// Run: npm run build -w exporter && node test/bench/demo.mjs
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'exporter', 'dist', 'cli', 'main.js');
const frames = join(repo, 'examples', 'demo', 'frames');
const port = Number(process.env.BENCH_PORT ?? 19847);
const url = `http://127.0.0.1:${port}`;
const REQUESTS = 500;
const CONCURRENCY = 10;

const snapshotArgs = ['eu-west', 'us-east', 'ap-south', 'edge-fra'].flatMap((region) => [
  '--snapshot',
  `${region}=${join(frames, '00', `${region}.json`)}`,
]);

const started = performance.now();
const child = spawn(
  process.execPath,
  [
    cli,
    'serve',
    '--intent',
    join(repo, 'examples', 'demo', 'intent.yaml'),
    ...snapshotArgs,
    '--max-age',
    '0',
    '--listen',
    `127.0.0.1:${port}`,
    '--log-level',
    'warn',
  ],
  { stdio: 'inherit' },
);

async function ready() {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('exporter not ready after 2 s');
}

async function timeScrape() {
  const t = performance.now();
  const text = await (await fetch(`${url}/metrics`)).text();
  return { ms: performance.now() - t, bytes: Buffer.byteLength(text) };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms`;
}

try {
  const readyMs = await ready();
  const first = await timeScrape();
  const sequential = [];
  for (let i = 0; i < REQUESTS; i++) sequential.push(await timeScrape());
  const concurrent = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = 0; i < REQUESTS / CONCURRENCY; i++) concurrent.push(await timeScrape());
    }),
  );
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  const series = (await (await fetch(`${url}/metrics`)).text())
    .split('\n')
    .filter((l) => l.startsWith('realitycheck_')).length;

  console.log(`node ${process.version}, ${REQUESTS} scrapes each`);
  console.log(`start to ready:        ${readyMs.toFixed(0)} ms`);
  console.log(`/metrics size:         ${first.bytes} bytes, ${series} realitycheck_ series`);
  console.log(`/metrics sequential:   ${summary(sequential)}`);
  console.log(`/metrics ${CONCURRENCY} clients:   ${summary(concurrent)}`);
  console.log(`resident memory after: ${Math.round(Number(rss) / 1024)} MiB`);
} finally {
  child.kill('SIGTERM');
}
