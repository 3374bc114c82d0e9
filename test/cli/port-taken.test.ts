/**
 * A port that is already taken is a start-up failure like any other: one
 * line naming the address, and the process exits instead of lingering with
 * its sources still polling.
 */
import { createServer, type Server } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort, runCli } from '../support/exporter.js';
import { intentYaml, snapshots, useScenarioDir, writeFiles } from './scenario.js';

/** Long enough for start-up on a loaded machine, far shorter than the test's timeout. */
const EXIT_WITHIN_MS = 15_000;

describe('realitycheck serve on a port already taken', () => {
  const dir = useScenarioDir();
  let holder: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
    holder = undefined;
  });

  it('exits non-zero at once, naming the address', async () => {
    const port = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(port, '127.0.0.1', resolve));
    const files = writeFiles(dir(), { 'intent.yaml': intentYaml(), 'eu.json': snapshots.inSync() });

    const started = Date.now();
    const result = await runCli([
      'serve',
      '--intent',
      files['intent.yaml']!,
      '--snapshot',
      `eu=${files['eu.json']}`,
      '--listen',
      `127.0.0.1:${port}`,
      '--log-format',
      'json',
    ]);

    expect(Date.now() - started).toBeLessThan(EXIT_WITHIN_MS);
    expect(result.code).toBe(1);
    const last = result.stderr.trimEnd().split('\n').at(-1);
    expect(last).toMatch(
      new RegExp(`^realitycheck serve: listen EADDRINUSE.*127\\.0\\.0\\.1:${port}`),
    );
  });
});
