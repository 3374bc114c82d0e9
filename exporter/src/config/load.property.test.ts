/**
 * Hostile exporter configs, generated: loading gives a config or a
 * ConfigError naming the file; resolving options from hostile flags and
 * variables gives options or an OptionsError or ConfigError. Nothing else.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { useTempDir } from '../intent/testing/temp-dir.js';
import {
  binaryText,
  deeplyNested,
  hostileValue,
  mutate,
  mutations,
  propertyParameters,
  truncated,
} from '../testing/hostile.js';
import { ConfigError, loadConfigFile } from './load.js';
import { OptionsError, resolveOptions } from './options.js';

const VALID_CONFIG = {
  listen: '127.0.0.1:9847',
  intent: 'intent.yaml',
  evaluateInterval: '5s',
  logLevel: 'info',
  logFormat: 'json',
  limits: { digestsPerWorkload: 8 },
  webConfigFile: 'web.yml',
  defaults: { maxAge: '10m' },
  regions: [
    { name: 'eu', snapshot: { path: 'eu.json', maxAge: '5m', pollInterval: '2s' } },
    {
      name: 'us',
      kubernetes: { context: 'us', namespaces: { include: ['shop'] }, maxStaleness: '1m' },
    },
  ],
};

const hostileConfigText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutations().map((m) => stringify(mutate(VALID_CONFIG, m))), weight: 6 },
  { arbitrary: truncated(stringify(VALID_CONFIG)), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 1 },
  { arbitrary: binaryText, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
  {
    arbitrary: fc
      .dictionary(fc.constantFrom(...Object.keys(VALID_CONFIG)), hostileValue)
      .map((d) => stringify(d)),
    weight: 2,
  },
);

/** Flag and variable values as a person or a template might get them wrong. */
const hostileSetting = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', ':', '::1', '[::1]:99999', '1/0', '5/3', '=', 'eu=', '=x'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

describe('hostile exporter configs', () => {
  const dir = useTempDir('realitycheck-config-prop-');

  it('load as a config or throw a ConfigError naming the file', () => {
    let run = 0;
    fc.assert(
      fc.property(hostileConfigText, (text) => {
        const file = join(dir(), `config-${run++}.yaml`);
        writeFileSync(file, text);
        try {
          loadConfigFile(file);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toContain(file);
        }
      }),
      propertyParameters(),
    );
  });

  it('resolve from hostile flags and variables, or throw an OptionsError or ConfigError', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            config: hostileSetting,
            listen: hostileSetting,
            intent: hostileSetting,
            snapshot: fc.array(hostileSetting, { maxLength: 3 }),
            maxAge: hostileSetting,
            shard: hostileSetting,
            logLevel: hostileSetting,
            logFormat: hostileSetting,
            webConfigFile: hostileSetting,
          },
          { requiredKeys: [] },
        ),
        fc.dictionary(
          fc.constantFrom(
            'REALITYCHECK_LISTEN',
            'REALITYCHECK_INTENT',
            'REALITYCHECK_SHARD',
            'REALITYCHECK_LOG_LEVEL',
            'REALITYCHECK_WEB_CONFIG_FILE',
          ),
          hostileSetting,
        ),
        (flags, env) => {
          try {
            resolveOptions({ flags, env, cwd: dir() });
          } catch (error) {
            const documented = error instanceof OptionsError || error instanceof ConfigError;
            expect(documented, String(error)).toBe(true);
          }
        },
      ),
      propertyParameters(),
    );
  });
});
