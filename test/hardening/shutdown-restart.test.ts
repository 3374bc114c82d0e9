/**
 * Stopping and starting again: SIGTERM lets the scrapes in flight finish
 * and exits within seconds; after a restart, an open mismatch keeps the
 * `since` it had, rebuilt from the sources instead of reset to the restart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { intentYaml, setModified, snapshots, useScenarioDir } from '../cli/scenario.js';
import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { parseExposition } from './support/consistency.js';

/** Kubernetes waits 30 s before SIGKILL; the exporter should need far less. */
const EXIT_WITHIN_MS = 3_000;
const SCRAPES_IN_FLIGHT = 20;
const LONG_AGO = Date.parse('2026-11-01T00:00:00Z');

describe('shutdown and restart', () => {
  const dir = useScenarioDir();
  let exporter: ExporterProcess | undefined;

  afterEach(async () => {
    await exporter?.stop();
    exporter = undefined;
  });

  async function serve(): Promise<ExporterProcess> {
    exporter = await startExporter(
      ['--intent', join(dir(), 'intent.yaml'), '--snapshot', `eu=${join(dir(), 'eu.json')}`],
      await freePort(),
    );
    return exporter;
  }

  function write(snapshot: string): void {
    writeFileSync(join(dir(), 'intent.yaml'), intentYaml());
    writeFileSync(join(dir(), 'eu.json'), snapshot);
    // The intent was written long ago (first seen), the snapshot is fresh.
    setModified(join(dir(), 'intent.yaml'), LONG_AGO);
  }

  it('finishes the scrapes in flight on SIGTERM and exits within seconds', async () => {
    write(snapshots.stale());
    const running = await serve();

    const responses = Array.from({ length: SCRAPES_IN_FLIGHT }, () =>
      fetch(`${running.url}/metrics`),
    );
    const exited = new Promise<number | null>((resolve) => running.child.once('exit', resolve));
    // Signal once the first answer has begun: its body, and the other scrapes, are in flight.
    await Promise.race(responses);
    const stopping = Date.now();
    running.child.kill('SIGTERM');
    const answers = await Promise.all(
      responses.map((response) =>
        response.then(
          async (r) => ({ status: r.status, body: await r.text() }),
          (error: Error) => ({ status: 0, body: String(error.cause ?? error) }),
        ),
      ),
    );
    // One signal, as the kubelet sends: stop() would send a second one.
    const code = await exited;
    const tookMs = Date.now() - stopping;

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(EXIT_WITHIN_MS);
    for (const answer of answers) {
      // Served whole, or refused at connect once the listener closed: never cut short.
      if (answer.status === 0)
        expect(answer.body).toMatch(/ECONNREFUSED|ECONNRESET|other side closed/);
      else {
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('realitycheck_build_info');
        expect(answer.body).toContain('process_start_time_seconds');
      }
    }
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
  });

  it('keeps the since of an open mismatch across a restart', async () => {
    write(snapshots.stale());
    const sinceOf = async (url: string) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const samples = parseExposition(text).filter(
        (s) => s.name === 'realitycheck_mismatch_since_timestamp_seconds',
      );
      return Object.fromEntries(samples.map((s) => [JSON.stringify(s.labels), s.value]));
    };

    const first = await serve();
    const before = await sinceOf(first.url);
    await first.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await serve();
    const after = await sinceOf(second.url);

    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    for (const seconds of Object.values(before)) {
      expect(seconds * 1000).toBeLessThan(Date.now() - 60_000);
    }
  });
});
