/**
 * A real Prometheus scrapes the exporter on two fixture regions: region A
 * is stuck rolling checkout out (3 of 4 pods on 1.15.0), region B is in
 * sync. Everything is asserted through PromQL, as dashboards and alerting
 * rules will read it. The tests run in order: later ones change the
 * snapshots on disk and watch the change arrive in Prometheus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startExporter } from '../support/exporter.js';
import {
  EXPORTER_JOB,
  promtoolCheckMetrics,
  seriesKey,
  startScrapedExporter,
  type QueryResult,
  type ScrapedExporter,
} from '../support/prometheus.js';
import { demoServeArgs } from './demo-frames.js';
import {
  AGENT_PODS,
  publishSnapshot,
  regionSnapshot,
  writeFixture,
  type FixtureFiles,
} from './fixture.js';
import { EXPORTED_RATIO, RECOMPUTED_RATIO } from './queries.js';

const CHECKOUT = { namespace: 'shop', workload: 'checkout', container: 'app' };
const AGENT = { namespace: 'platform', workload: 'node-agent', container: 'app' };
const SOURCE_UNKNOWN = { check: 'source', class: 'unknown' };

describe('Prometheus scraping the exporter on fixture snapshots', () => {
  let dir: string;
  let files: FixtureFiles;
  let world: ScrapedExporter | undefined;
  const query = (expr: string): Promise<QueryResult> => world!.prometheus.query(expr);
  const scraped = (labels: Record<string, string>): string => world!.scraped(labels);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-scrape-'));
    files = writeFixture(dir);
    world = await startScrapedExporter([
      '--intent',
      files.intent,
      '--snapshot',
      `A=${files.regionA}`,
      '--snapshot',
      `B=${files.regionB}`,
    ]);
  });

  afterAll(async () => {
    try {
      await world?.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scrapes the exporter as one healthy target, keeping its labels (honor_labels)', async () => {
    expect(await query(`up{job="${EXPORTER_JOB}"}`)).toEqual({ [scraped({})]: 1 });
    expect(await query('realitycheck_source_up')).toEqual({
      [scraped({ region: 'A' })]: 1,
      [scraped({ region: 'B' })]: 1,
    });
  });

  it('reports the stuck rollout in A as a 0.25 mismatch ratio and B as 0', async () => {
    expect(await query('realitycheck_digest_mismatch_ratio')).toEqual({
      [scraped({ region: 'A', ...CHECKOUT })]: 0.25,
      [scraped({ region: 'A', ...AGENT })]: 0,
      [scraped({ region: 'B', ...CHECKOUT })]: 0,
      [scraped({ region: 'B', ...AGENT })]: 0,
    });
  });

  it('counts instances per region and releases_behind, as the panel queries them', async () => {
    expect(await query('sum by (region, releases_behind) (realitycheck_instances)')).toEqual({
      [seriesKey({ region: 'A', releases_behind: '0' })]: 3 + AGENT_PODS,
      [seriesKey({ region: 'A', releases_behind: '1' })]: 1,
      [seriesKey({ region: 'B', releases_behind: '0' })]: 4 + AGENT_PODS,
    });
  });

  it('opens one drift finding, for checkout in A, and no finding of any other class', async () => {
    expect(await query('realitycheck_findings{class="drift"} > 0')).toEqual({
      [scraped({
        region: 'A',
        namespace: 'shop',
        workload: 'checkout',
        check: 'digest',
        class: 'drift',
      })]: 1,
    });
    expect(await query('sum by (class) (realitycheck_findings)')).toEqual({
      [seriesKey({ class: 'drift' })]: 1,
      [seriesKey({ class: 'stale' })]: 0,
      [seriesKey({ class: 'unexpected' })]: 0,
      [seriesKey({ class: 'invalid' })]: 0,
      [seriesKey({ class: 'unknown' })]: 0,
      [seriesKey({ class: 'converging' })]: 0,
    });
  });

  it('exports both parts of the ratio: PromQL rebuilds it from instance counts', async () => {
    const exported = await query(EXPORTED_RATIO);
    const recomputed = await query(RECOMPUTED_RATIO);

    expect(recomputed).toEqual(exported);
    expect(recomputed[seriesKey({ region: 'A', ...CHECKOUT })]).toBe(0.25);
    expect(Object.keys(recomputed)).toHaveLength(4);
  });

  it('passes `promtool check metrics` on the exposition', async () => {
    const exposition = await (await fetch(`${world!.exporter.url}/metrics`)).text();
    expect(promtoolCheckMetrics(exposition)).toEqual({ status: 0, output: '' });
  });

  it('sees A finish its rollout once its snapshot is replaced on disk', async () => {
    publishSnapshot(files.regionA, regionSnapshot(0));

    await world!.prometheus.waitForQuery(`realitycheck_digest_mismatch_ratio{region="A"}`, {
      [scraped({ region: 'A', ...CHECKOUT })]: 0,
      [scraped({ region: 'A', ...AGENT })]: 0,
    });
    await world!.prometheus.waitForQuery('sum by (region) (realitycheck_findings{class="drift"})', {
      [seriesKey({ region: 'A' })]: 0,
      [seriesKey({ region: 'B' })]: 0,
    });
  });

  it('reports B as down and drops its ratios when its snapshot is unreadable', async () => {
    const whole = JSON.stringify(regionSnapshot(0));
    publishSnapshot(files.regionB, whole.slice(0, Math.floor(whole.length / 2)));

    await world!.prometheus.waitForQuery('realitycheck_source_up', {
      [scraped({ region: 'A' })]: 1,
      [scraped({ region: 'B' })]: 0,
    });
    // Never green when blind: no ratio for B at all, not a stale 0.
    await world!.prometheus.waitForQuery('count by (region) (realitycheck_digest_mismatch_ratio)', {
      [seriesKey({ region: 'A' })]: 2,
    });
    // What B does get: one unknown finding per workload, from the source check.
    expect(await query('realitycheck_findings{region="B"}')).toEqual({
      [scraped({ region: 'B', ...SOURCE_UNKNOWN, namespace: 'shop', workload: 'checkout' })]: 1,
      [scraped({ region: 'B', ...SOURCE_UNKNOWN, namespace: 'platform', workload: 'node-agent' })]:
        1,
    });
    expect(await query(`up{job="${EXPORTER_JOB}"}`)).toEqual({ [scraped({})]: 1 });
  });

  it('still passes `promtool check metrics` with a region down', async () => {
    const exposition = await (await fetch(`${world!.exporter.url}/metrics`)).text();
    expect(exposition).toContain('realitycheck_source_up{region="B"} 0');
    expect(promtoolCheckMetrics(exposition)).toEqual({ status: 0, output: '' });
  });
});

describe('the demo exposition', () => {
  it.each([0, 4, 8])('passes `promtool check metrics` at step %i', async (step) => {
    const exporter = await startExporter(demoServeArgs(step), await freePort());
    try {
      const exposition = await (await fetch(`${exporter.url}/metrics`)).text();

      expect(exposition).toContain('realitycheck_source_up{region="edge-fra"} 1');
      expect(promtoolCheckMetrics(exposition)).toEqual({ status: 0, output: '' });
    } finally {
      await exporter.stop();
    }
  });
});
