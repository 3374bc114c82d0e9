/**
 * DESIGN.md: "Both parts of every ratio are exported", so that a sum of
 * realitycheck_instances across regions yields the same ratio as the
 * exporter. This file holds the case where the two parts disagree today.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  seriesKey,
  startScrapedExporter,
  type QueryResult,
  type ScrapedExporter,
} from '../support/prometheus.js';
import { crashLoopingHandBuild, intentYaml, publishSnapshot } from './fixture.js';
import { EXPORTED_RATIO, RECOMPUTED_RATIO } from './queries.js';

const CHECKOUT = { region: 'C', namespace: 'shop', workload: 'checkout', container: 'app' };

describe('a hand-built image that crash-loops, through Prometheus', () => {
  let dir: string;
  let world: ScrapedExporter | undefined;
  const query = (expr: string): Promise<QueryResult> => world!.prometheus.query(expr);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-ratio-'));
    const intent = join(dir, 'intent.yaml');
    const snapshot = join(dir, 'C.json');
    writeFileSync(intent, intentYaml());
    publishSnapshot(snapshot, crashLoopingHandBuild());

    world = await startScrapedExporter(['--intent', intent, '--snapshot', `C=${snapshot}`]);
  });

  afterAll(async () => {
    try {
      await world?.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts the crash-looping container as an unexpected instance', async () => {
    expect(
      await query('sum by (releases_behind) (realitycheck_instances{workload="checkout"})'),
    ).toEqual({
      [seriesKey({ releases_behind: '0' })]: 3,
      [seriesKey({ releases_behind: 'unexpected' })]: 1,
    });
  });

  // Once a fault: an unexpected digest that did not serve was counted in
  // realitycheck_instances{releases_behind="unexpected"} but left out of the
  // exported ratio (0 where the counts give 1/4).
  it('exports a ratio that PromQL rebuilds from the instance counts', async () => {
    const exported = await query(EXPORTED_RATIO);
    const recomputed = await query(RECOMPUTED_RATIO);

    expect(recomputed[seriesKey(CHECKOUT)]).toBe(0.25);
    expect(exported[seriesKey(CHECKOUT)]).toBe(recomputed[seriesKey(CHECKOUT)]);
  });
});
