/**
 * Captures a real Prometheus range-query response of realitycheck metrics:
 * the built exporter runs the demo story (examples/demo) with its snapshots
 * replaced step by step, a real Prometheus scrapes it every second, and the
 * answers of /api/v1/query_range are kept as Prometheus returned them.
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO, DEMO_REGIONS, demoFrame } from '../prometheus/demo-frames.js';
import { freePort, startExporter } from '../support/exporter.js';
import { startPrometheus } from '../support/prometheus.js';

/** The demo story has steps 0 to 8 (examples/demo/generate.ts). */
const STEPS = 9;
/** Long enough for a poll, an evaluation and at least one scrape of every step. */
const STEP_MS = 2_500;

/** The panel's queries: A counts instances, B is an overlay of open action findings. */
export const QUERIES = {
  A: 'sum by (region, releases_behind) (realitycheck_instances)',
  B: 'sum by (region) (realitycheck_findings{class=~"drift|stale|unexpected|invalid"})',
} as const;

/** What was captured: the range and each query's raw response body. */
export interface Capture {
  startMs: number;
  endMs: number;
  stepMs: number;
  responses: Record<keyof typeof QUERIES, unknown>;
}

function exporterConfig(dir: string): string {
  const regions = DEMO_REGIONS.map(
    (region) =>
      `  - name: ${region}\n    snapshot: { path: ${join(dir, `${region}.json`)}, pollInterval: 250ms }`,
  );
  return `intent: ${join(dir, 'intent.yaml')}\nevaluateInterval: 1s\nregions:\n${regions.join('\n')}\n`;
}

function publishStep(dir: string, step: number): void {
  for (const region of DEMO_REGIONS) {
    const target = join(dir, `${region}.json`);
    copyFileSync(demoFrame(region, step), `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
  }
}

/** Runs the demo through Prometheus and returns the range-query responses (about 30 s). */
export async function captureDemoRange(): Promise<Capture> {
  const dir = mkdtempSync(join(tmpdir(), 'realitycheck-capture-'));
  copyFileSync(join(DEMO, 'intent.yaml'), join(dir, 'intent.yaml'));
  writeFileSync(join(dir, 'realitycheck.yaml'), exporterConfig(dir));
  publishStep(dir, 0);

  const port = await freePort();
  const exporter = await startExporter(
    ['--config', join(dir, 'realitycheck.yaml'), '--max-age', '0'],
    port,
  );
  const prometheus = await startPrometheus(`127.0.0.1:${port}`).catch(async (error) => {
    await exporter.stop();
    throw error;
  });
  try {
    await prometheus.waitForQuery('count(up == 1)', { '{}': 1 });
    const startMs = Date.now();
    for (let step = 1; step <= STEPS; step++) {
      await new Promise((resolve) => setTimeout(resolve, STEP_MS));
      if (step < STEPS) publishStep(dir, step);
    }
    const endMs = Date.now();
    const stepMs = 1_000;
    const responses = {
      A: await rangeQuery(prometheus.url, QUERIES.A, startMs, endMs, stepMs),
      B: await rangeQuery(prometheus.url, QUERIES.B, startMs, endMs, stepMs),
    };
    return { startMs, endMs, stepMs, responses };
  } finally {
    await prometheus.stop();
    await exporter.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One /api/v1/query_range call; fails unless Prometheus answers a matrix. */
async function rangeQuery(
  url: string,
  expr: string,
  startMs: number,
  endMs: number,
  stepMs: number,
) {
  const params = new URLSearchParams({
    query: expr,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepMs / 1000),
  });
  const response = await fetch(`${url}/api/v1/query_range?${params}`);
  const body = (await response.json()) as { status: string; data?: { resultType: string } };
  if (body.status !== 'success' || body.data?.resultType !== 'matrix') {
    throw new Error(`query_range ${expr} failed: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body;
}
