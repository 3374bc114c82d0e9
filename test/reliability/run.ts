/**
 * The reliability run: not part of `npm test`. It starts the built exporter,
 * puts it under 50 concurrent scraping clients while its inputs change, then
 * plays a compressed day of digest churn, and writes what it measured to
 * test/reliability/results.json (and prints it). See docs/reliability.md.
 *
 *   npm run build -w exporter && npx tsx test/reliability/run.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { format } from 'prettier';

import { intentYaml, snapshots } from '../cli/scenario.js';
import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { percentile, runLoad, scrapeValue } from '../hardening/support/load.js';
import { CHURN, churnIntent, churnSnapshot, readSeries, writeWhole } from './churn.js';

const LOAD = { clients: 50, durationMs: 20_000 };
const STEP_WAIT_MS = 150;
const HEAP = 'nodejs_heap_size_used_bytes';
const MB = 1024 * 1024;

async function serve(dir: string, intent: string, snapshot: string): Promise<ExporterProcess> {
  writeFileSync(join(dir, 'intent.yaml'), intent);
  writeFileSync(join(dir, 'eu.json'), snapshot);
  writeFileSync(
    join(dir, 'realitycheck.yaml'),
    'intent: intent.yaml\nevaluateInterval: 200ms\nregions:\n' +
      '  - name: eu\n    snapshot: { path: eu.json, pollInterval: 50ms }\n',
  );
  return startExporter(['--config', join(dir, 'realitycheck.yaml')], await freePort());
}

async function loadPhase(dir: string) {
  const exporter = await serve(dir, intentYaml(), snapshots.converging());
  try {
    const heapBefore = await scrapeValue(exporter.url, HEAP);
    const states = [snapshots.inSync, snapshots.converging, snapshots.stale, snapshots.unexpected];
    let tick = 0;
    const churn = setInterval(() => {
      tick++;
      writeFileSync(join(dir, 'eu.json'), states[tick % states.length]!());
    }, 50);
    const result = await runLoad({ baseUrl: exporter.url, ...LOAD });
    clearInterval(churn);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const heapAfter = await scrapeValue(exporter.url, HEAP);
    return {
      clients: LOAD.clients,
      durationSeconds: LOAD.durationMs / 1000,
      snapshotRewrites: tick,
      scrapesMade: result.made,
      scrapesFailed: result.failed,
      firstFailures: result.failures,
      p50LatencyMs: round(percentile(result.latenciesMs, 50)),
      p99LatencyMs: round(percentile(result.latenciesMs, 99)),
      maxLatencyMs: round(Math.max(...result.latenciesMs)),
      heapBeforeMb: round(heapBefore / MB),
      heapAfterMb: round(heapAfter / MB),
    };
  } finally {
    await exporter.stop();
  }
}

async function churnPhase(dir: string) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const exporter = await serve(dir, churnIntent(), churnSnapshot(0, random));
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const heapBefore = await scrapeValue(exporter.url, HEAP);
    const readings = [];
    for (let step = 0; step < CHURN.steps; step++) {
      writeWhole(join(dir, 'eu.json'), churnSnapshot(step, random));
      await new Promise((resolve) => setTimeout(resolve, STEP_WAIT_MS));
      const text = await (await fetch(`${exporter.url}/metrics`)).text();
      readings.push({ step, ...readSeries(text) });
    }
    const heapAfter = await scrapeValue(exporter.url, HEAP);
    const afternoon = readings.filter((r) => r.step >= CHURN.steps / 2 + 5);
    return {
      ...CHURN,
      seriesMax: Math.max(...readings.map((r) => r.series)),
      seriesFirst: readings[0]!.series,
      seriesLast: readings.at(-1)!.series,
      maxInstanceSeriesPerWorkload: Math.max(
        ...readings.map((r) => r.maxInstanceSeriesPerWorkload),
      ),
      maxDigestsPerWorkload: Math.max(...readings.map((r) => r.maxDigestsPerWorkload)),
      foldedMax: Math.max(...readings.map((r) => r.folded)),
      goneWorkloadSeriesAfterMidday: Math.max(...afternoon.map((r) => r.goneWorkloadSeries)),
      seriesEveryHour: readings.filter((r) => r.step % 12 === 0).map((r) => r.series),
      heapBeforeMb: round(heapBefore / MB),
      heapAfterMb: round(heapAfter / MB),
    };
  } finally {
    await exporter.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const dir = mkdtempSync(join(tmpdir(), 'realitycheck-reliability-'));
try {
  const load = await loadPhase(dir);
  const churn = await churnPhase(dir);
  const results = { measuredAt: new Date().toISOString(), node: process.version, load, churn };
  // Formatted as the repository's formatter would, so that a new run keeps `npm run lint` green.
  const text = await format(JSON.stringify(results), { parser: 'json' });
  writeFileSync(join(import.meta.dirname, 'results.json'), text);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const ok =
    load.scrapesFailed === 0 &&
    churn.maxDigestsPerWorkload <= CHURN.digestLimit &&
    churn.goneWorkloadSeriesAfterMidday === 0;
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
