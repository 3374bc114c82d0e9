/**
 * The intent reloader fed hostile files after a good one: the last good
 * intent stays in force, the failure is reported, and the next good file
 * is picked up.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { createLogger } from '../log/logger.js';
import {
  binaryText,
  mutate,
  mutations,
  propertyParameters,
  truncated,
} from '../testing/hostile.js';
import { IntentReloader } from './reloader.js';
import { digest, useTempDir } from './testing/temp-dir.js';

const intentText = (workloads: number) =>
  stringify({
    apiVersion: 'realitycheck/v1',
    kind: 'Intent',
    workloads: Array.from({ length: workloads }, (_, i) => ({
      name: `w${i}`,
      namespace: 'shop',
      releases: [
        { version: '1', containers: { app: { image: `reg.example.test/w@${digest('a')}` } } },
      ],
    })),
  });

const badText = fc.oneof(
  truncated(intentText(3)),
  fc.constant(''),
  binaryText,
  mutations(4).map((m) => stringify(mutate({ apiVersion: 'realitycheck/v1', kind: 'Intent' }, m))),
);

describe('IntentReloader under hostile files', () => {
  const dir = useTempDir('realitycheck-reloader-prop-');

  it('keeps the last good intent through bad files and takes the next good one', async () => {
    const file = join(dir(), 'intent.yaml');
    writeFileSync(file, intentText(1));
    const logger = createLogger({ level: 'silent', format: 'json' });
    const reloader = new IntentReloader({
      path: file,
      logger,
      retryDelayMs: 0,
      pollIntervalMs: 60_000,
    });
    await reloader.start();
    reloader.stop();
    let mtime = 1_000_000;
    const write = (text: string) => {
      writeFileSync(file, text);
      utimesSync(file, ++mtime, mtime);
    };

    await fc.assert(
      fc.asyncProperty(badText, fc.integer({ min: 1, max: 5 }), async (bad, workloads) => {
        const before = reloader.status.intent;
        write(bad);
        await reloader.poll();
        const during = reloader.status;
        if (!during.lastLoadOk) {
          expect(during.intent).toBe(before);
          expect(during.error?.message).toContain(file);
        }

        write(intentText(workloads));
        await reloader.poll();
        expect(reloader.status.lastLoadOk).toBe(true);
        expect(reloader.status.intent.workloads).toHaveLength(workloads);
      }),
      propertyParameters(200),
    );
  });
});
