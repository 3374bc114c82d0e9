/**
 * A snapshot source fed hostile files after a good one: it keeps serving
 * the last good state until a complete file comes, and never throws.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { useTempDir } from '../intent/testing/temp-dir.js';
import { createLogger } from '../log/logger.js';
import { binaryText, propertyParameters, truncated } from '../testing/hostile.js';
import { SnapshotSource } from './snapshot-source.js';
import { deploymentStack, digest, kubectlList } from './testing/index.js';

// The retries between attempts wait 250 ms; the property runs hundreds of reads.
vi.mock('node:timers/promises', () => ({ setTimeout: () => Promise.resolve() }));

const good = (pods: number) =>
  JSON.stringify(
    kubectlList(
      deploymentStack({
        name: 'api',
        revisions: [{ image: `reg.example.test/api@${digest('api')}`, pods }],
      }),
    ),
  );

const badText = fc.oneof(
  truncated(good(3)),
  fc.constant(''),
  binaryText,
  fc.string({ maxLength: 50 }).map((s) => `{${s}`),
);

describe('SnapshotSource under hostile files', () => {
  const dir = useTempDir('realitycheck-source-prop-');

  it('keeps the last good state through bad files and takes the next good one', async () => {
    const file = join(dir(), 'eu.json');
    writeFileSync(file, good(1));
    const logger = createLogger({ level: 'silent', format: 'json' });
    const source = new SnapshotSource({ region: 'eu', path: file, maxAgeMs: 0, logger });
    await source.start();
    source.stop();
    let mtime = 1_000_000;
    const write = (text: string) => {
      writeFileSync(file, text);
      // A distinct mtime per write: the source reads only what changed.
      utimesSync(file, ++mtime, mtime);
    };
    const sync = () => (source as unknown as { sync(): Promise<void> }).sync();

    await fc.assert(
      fc.asyncProperty(badText, fc.integer({ min: 1, max: 5 }), async (bad, pods) => {
        const before = source.observe().state;
        write(bad);
        await sync();
        const during = source.observe();
        if (!during.up) expect(during.state).toBe(before);

        write(good(pods));
        await sync();
        const after = source.observe();
        expect(after.up).toBe(true);
        expect(after.state?.pods).toHaveLength(pods);
      }),
      propertyParameters(200),
    );
  });
});
