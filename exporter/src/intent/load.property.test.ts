/**
 * Hostile intent files, generated: whatever the text, loading either gives
 * an intent that the engine can evaluate, or throws IntentError naming the
 * file. Nothing else may escape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { digest, deploymentStack, kubectlList } from '../sources/testing/index.js';
import { parseSnapshot } from '../sources/snapshot-file.js';
import {
  absurdImage,
  binaryText,
  deeplyNested,
  hostileNumber,
  mutate,
  mutations,
  propertyParameters,
  truncated,
} from '../testing/hostile.js';
import { evaluate } from '../verify/evaluate.js';
import { IntentError } from './errors.js';
import { loadIntent } from './load.js';
import { useTempDir } from './testing/temp-dir.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const IMAGE = (v: string) => `reg.example.test/shop/api:${v}@${digest(`api ${v}`)}`;

/** A valid intent using most of the format, for mutation. */
export const VALID_INTENT = {
  apiVersion: 'realitycheck/v1',
  kind: 'Intent',
  defaults: { rolloutGrace: '15m', staleAfterReleases: 2 },
  workloads: [
    {
      name: 'api',
      namespace: 'shop',
      kind: 'Deployment',
      releases: [
        {
          version: '1.4',
          released: '2026-11-30T12:00:00Z',
          containers: { app: { image: IMAGE('1.4'), platforms: [digest('arm 1.4')] } },
          env: { LOG_LEVEL: 'info' },
          flags: { checkout: true },
        },
        { version: '1.3', containers: { app: { image: IMAGE('1.3') } } },
      ],
      regions: { eu: { release: '1.3' }, ap: { skip: true } },
      traffic: { service: 'api', backends: { 'api-v14': 90, 'api-v13': 10 } },
    },
  ],
};

/** The observation every loaded intent is evaluated against: api running 1.3 and 1.4. */
const STATE = parseSnapshot(
  JSON.stringify(
    kubectlList(
      deploymentStack({
        name: 'api',
        revisions: [
          { image: IMAGE('1.3'), pods: 1 },
          { image: IMAGE('1.4'), pods: 2 },
        ],
      }),
    ),
  ),
  'fixture.json',
).state;

const validText = stringify(VALID_INTENT);

/** Intent texts from almost right to nonsense. */
const hostileIntentText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutations().map((m) => stringify(mutate(VALID_INTENT, m))), weight: 6 },
  { arbitrary: truncated(validText), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }), weight: 1 },
  { arbitrary: binaryText, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: fc.jsonValue().map((v) => stringify(v)), weight: 1 },
  {
    arbitrary: fc
      .tuple(absurdImage, hostileNumber, fc.string({ unit: 'grapheme', maxLength: 30 }))
      .map(([image, n, name]) =>
        stringify({
          ...VALID_INTENT,
          defaults: { rolloutGrace: '15m', staleAfterReleases: n },
          workloads: [VALID_INTENT.workloads[0], { ...VALID_INTENT.workloads[0], name }].map(
            (w) => ({
              ...w,
              releases: [{ version: '9', containers: { app: { image } } }],
              traffic: { service: 'api', backends: { a: n, b: -n } },
            }),
          ),
        }),
      ),
    weight: 2,
  },
  {
    // Huge: many workloads, and a huge scalar.
    arbitrary: fc.integer({ min: 200, max: 1500 }).map((n) =>
      stringify(
        {
          ...VALID_INTENT,
          workloads: Array.from({ length: n }, (_, i) => ({
            ...VALID_INTENT.workloads[0],
            name: i % 97 === 0 ? 'x'.repeat(20_000) : `w${i}`,
          })),
        },
        { aliasDuplicateObjects: false },
      ),
    ),
    weight: 1,
  },
);

describe('loading hostile intent files', () => {
  const dir = useTempDir('realitycheck-intent-prop-');

  it('gives an intent the engine evaluates, or an IntentError naming the file', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileIntentText, async (text) => {
        const file = join(dir(), `intent-${run++}.yaml`);
        writeFileSync(file, text);

        const outcome = await loadIntent(file, { now: () => NOW }).then(
          (intent) => ({ intent }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(IntentError);
          expect((outcome.error as Error).message).toContain(file);
          return;
        }
        const regions = ['eu', 'ap', 'us'].map((region) => ({
          region,
          source: 'snapshot:fixture.json',
          up: true,
          lastSync: NOW,
          maxAgeMs: 0,
          state: STATE,
        }));
        const evaluation = evaluate({ intent: outcome.intent, regions, now: NOW });
        expect(evaluation.findings).toBeInstanceOf(Array);
      }),
      propertyParameters(),
    );
  }, 120_000);
});
