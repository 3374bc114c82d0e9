/**
 * The demo's story, read back through a real Prometheus: the exporter on
 * the step 04 snapshots of all four regions, scraped every second. What a
 * dashboard or an alerting rule would see is what the story promises.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  seriesKey,
  startScrapedExporter,
  type QueryResult,
  type ScrapedExporter,
} from '../support/prometheus.js';
import { DEMO, DEMO_REGIONS, demoServeArgs } from './demo-frames.js';

/** Step 04: eu-west has finished, us-east is half way, ap-south is stuck. */
const STEP = 4;

describe('the demo at step 04, through Prometheus', () => {
  let dir: string;
  let world: ScrapedExporter | undefined;
  const query = (expr: string): Promise<QueryResult> => world!.prometheus.query(expr);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-demo-'));
    // A fresh copy, as play.mjs makes: the release counts as made now, so
    // the outcome does not depend on when the repository was checked out.
    const intent = join(dir, 'intent.yaml');
    copyFileSync(join(DEMO, 'intent.yaml'), intent);

    world = await startScrapedExporter(demoServeArgs(STEP, intent));
    await world.prometheus.waitForQuery('count(realitycheck_source_up == 1)', {
      [seriesKey({})]: DEMO_REGIONS.length,
    });
  });

  afterAll(async () => {
    try {
      await world?.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** The open findings of one class, summed per region and workload. */
  const openFindings = (cls: string): Promise<Record<string, number>> =>
    query(`sum by (region, workload) (realitycheck_findings{class="${cls}"} > 0)`);

  it('reports the stuck rollout in ap-south as drift', async () => {
    expect(await openFindings('drift')).toEqual({
      [seriesKey({ region: 'ap-south', workload: 'checkout' })]: 1,
    });
  });

  it('reports edge-fra, two releases behind, as stale', async () => {
    expect(await openFindings('stale')).toEqual({
      [seriesKey({ region: 'edge-fra', workload: 'checkout' })]: 1,
    });
  });

  it('reports the hand-built cart image in us-east as unexpected', async () => {
    expect(await openFindings('unexpected')).toEqual({
      [seriesKey({ region: 'us-east', workload: 'cart' })]: 1,
    });
  });

  it('opens no action item beyond the story', async () => {
    const action = 'realitycheck_findings{class=~"drift|stale|unexpected|invalid"} > 0';
    expect(await query(`count(${action})`)).toEqual({ [seriesKey({})]: 3 });
  });

  it('shows checkout in sync in eu-west and how far off it is elsewhere', async () => {
    expect(await query('realitycheck_digest_mismatch_ratio{workload="checkout"}')).toEqual({
      [checkoutSeries('eu-west')]: 0,
      [checkoutSeries('us-east')]: 0.5,
      // The crash-looping 1.15.0 pod is pending, not compared: 4 of 4 are old.
      [checkoutSeries('ap-south')]: 1,
      [checkoutSeries('edge-fra')]: 1,
    });
  });

  it('gives the panel the version skew of checkout per region', async () => {
    const skew = await query(
      'sum by (region, releases_behind) (realitycheck_instances{workload="checkout"})',
    );
    expect(skew).toEqual({
      [seriesKey({ region: 'eu-west', releases_behind: '0' })]: 4,
      [seriesKey({ region: 'us-east', releases_behind: '0' })]: 2,
      [seriesKey({ region: 'us-east', releases_behind: '1' })]: 2,
      [seriesKey({ region: 'ap-south', releases_behind: '1' })]: 4,
      [seriesKey({ region: 'ap-south', releases_behind: 'pending' })]: 1,
      [seriesKey({ region: 'edge-fra', releases_behind: '2' })]: 3,
    });
  });

  /** A checkout ratio series as scraped. */
  function checkoutSeries(region: string): string {
    return world!.scraped({
      region,
      namespace: 'shop',
      workload: 'checkout',
      container: 'app',
    });
  }
});
