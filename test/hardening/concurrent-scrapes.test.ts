/**
 * 50 clients scrape /metrics and /api/v1/findings at once while the intent
 * reloads and the snapshot changes under them: every answer is complete
 * and self-consistent, none fails, and the heap returns near its baseline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { intentYaml, snapshots, useScenarioDir, WEB_WORKLOAD } from '../cli/scenario.js';
import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { percentile, runLoad, scrapeValue } from './support/load.js';

const CLIENTS = 50;
const LOAD_MS = 6_000;
/** Heap may grow by this much over the baseline and still count as returned (GC is lazy). */
const HEAP_SLACK_BYTES = 48 * 1024 * 1024;
const HEAP = 'nodejs_heap_size_used_bytes';
/**
 * V8 collects the old space lazily: with room to spare it may keep 100 MB
 * of garbage for minutes, which reads like a leak on a busy CI machine. A
 * cap makes it collect as it nears the limit, so what stays is what is held.
 */
const HEAP_CAP = '--max-old-space-size=128';

describe('concurrent scrapes while everything changes', () => {
  const dir = useScenarioDir();
  let exporter: ExporterProcess | undefined;
  let churn: NodeJS.Timeout | undefined;

  const nodeOptions = process.env.NODE_OPTIONS;

  afterEach(async () => {
    clearInterval(churn);
    await exporter?.stop();
    exporter = undefined;
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
  });

  it('answers every scrape completely and consistently, and memory comes back', async () => {
    writeFileSync(join(dir(), 'intent.yaml'), intentYaml());
    writeFileSync(join(dir(), 'eu.json'), snapshots.converging());
    writeFileSync(
      join(dir(), 'realitycheck.yaml'),
      [
        'intent: intent.yaml',
        'evaluateInterval: 200ms',
        'regions:',
        '  - name: eu',
        '    snapshot: { path: eu.json, pollInterval: 100ms }',
      ].join('\n'),
    );
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} ${HEAP_CAP}`.trim();
    exporter = await startExporter(
      ['--config', join(dir(), 'realitycheck.yaml')],
      await freePort(),
    );
    const baseline = await scrapeValue(exporter.url, HEAP);

    // Rewritten in place, not renamed: readers meet half-written files too.
    const states = [snapshots.inSync, snapshots.converging, snapshots.stale, snapshots.unexpected];
    let tick = 0;
    churn = setInterval(() => {
      tick++;
      writeFileSync(join(dir(), 'eu.json'), states[tick % states.length]!());
      if (tick % 7 === 0) {
        writeFileSync(join(dir(), 'intent.yaml'), intentYaml(tick % 14 === 0 ? WEB_WORKLOAD : ''));
      }
    }, 50);
    const result = await runLoad({ baseUrl: exporter.url, clients: CLIENTS, durationMs: LOAD_MS });
    clearInterval(churn);

    expect(result.failures).toEqual([]);
    expect(result.failed).toBe(0);
    expect(result.made).toBeGreaterThan(CLIENTS * 4);
    expect(percentile(result.latenciesMs, 99)).toBeLessThan(2_000);
    expect(exporter.stderr()).not.toMatch(/"level":(50|60)/);

    const after = await settledHeap(exporter.url, baseline);
    expect(after).toBeLessThan(baseline + HEAP_SLACK_BYTES);
  });
});

/** Polls the heap for a while; V8 collects lazily, so the lowest reading counts. */
async function settledHeap(url: string, baseline: number): Promise<number> {
  let lowest = Infinity;
  for (let i = 0; i < 40; i++) {
    lowest = Math.min(lowest, await scrapeValue(url, HEAP));
    if (lowest < baseline + HEAP_SLACK_BYTES / 4) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return lowest;
}
