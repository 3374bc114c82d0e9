import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useTempDir } from '../intent/testing/temp-dir.js';
import { ConfigError, loadConfigFile } from './load.js';

const VALID = [
  'listen: 127.0.0.1:9847', //                        1
  'intent: ./intent.yaml', //                         2
  'evaluateInterval: 5s', //                          3
  'logLevel: info', //                                4
  'logFormat: auto', //                               5
  'limits: { digestsPerWorkload: 8 }', //             6
  'defaults: { maxAge: 10m }', //                     7
  'regions:', //                                      8
  '  - name: eu-west', //                             9
  '    snapshot: { path: ./eu-west.json, maxAge: 5m, pollInterval: 2s }', // 10
].join('\n');

function withLine(line: number, text: string): string {
  const lines = VALID.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('loadConfigFile', () => {
  const tempDir = useTempDir('realitycheck-config-');

  function configFile(text: string): string {
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(file, text);
    return file;
  }

  it('reads the documented shape', () => {
    expect(loadConfigFile(configFile(VALID))).toEqual({
      listen: '127.0.0.1:9847',
      intent: './intent.yaml',
      evaluateInterval: '5s',
      logLevel: 'info',
      logFormat: 'auto',
      limits: { digestsPerWorkload: 8 },
      defaults: { maxAge: '10m' },
      regions: [
        { name: 'eu-west', snapshot: { path: './eu-west.json', maxAge: '5m', pollInterval: '2s' } },
      ],
    });
  });

  it.each([
    {
      case: 'an unknown field, listing the allowed ones',
      text: withLine(4, 'loglevel: info'),
      line: 4,
      column: 1,
      path: 'loglevel',
      message:
        'unknown field "loglevel"; did you mean "logLevel"?; allowed fields: listen, intent, evaluateInterval, probeInterval, logLevel, logFormat, limits, secrets, defaults, regions, webConfigFile',
    },
    {
      case: 'a listen address without a host',
      text: withLine(1, 'listen: "9847"'),
      line: 1,
      column: 9,
      path: 'listen',
      message: 'expected host:port, e.g. 0.0.0.0:9847',
    },
    {
      case: 'a log format that does not exist',
      text: withLine(5, 'logFormat: text'),
      line: 5,
      column: 12,
      path: 'logFormat',
      message: 'expected one of json, pretty, auto, got "text"',
    },
    {
      case: 'a maxAge that is no duration',
      text: withLine(7, 'defaults: { maxAge: 10 }'),
      line: 7,
      column: 21,
      path: 'defaults.maxAge',
      message: 'expected a duration such as 90s, 15m, 1h30m or 500ms (units ms, s, m, h, d)',
    },
    {
      case: 'a kubernetes source both in-cluster and through a context',
      text: withLine(10, '    kubernetes: { inCluster: true, context: prod }'),
      line: 10,
      column: 17,
      path: 'regions[0].kubernetes',
      message: "inCluster uses the pod's service account; leave out context and kubeconfig",
    },
    {
      case: 'a region without a source',
      text: withLine(10, '    extra: 1').replace('    extra: 1', ''),
      line: 9,
      column: 5,
      path: 'regions[0].snapshot',
      message: 'a region needs a source; give one of: snapshot, kubernetes',
    },
    {
      case: 'an unknown field of a snapshot source',
      text: withLine(10, '    snapshot: { file: ./eu-west.json }'),
      line: 10,
      column: 17,
      path: 'regions[0].snapshot.file',
      message: 'unknown field "file"; allowed fields: path, maxAge, pollInterval',
    },
    {
      case: 'a region listed twice',
      text: `${VALID}\n  - name: eu-west\n    snapshot: { path: ./b.json }`,
      line: 11,
      column: 11,
      path: 'regions[1].name',
      message: 'region "eu-west" is listed twice (also regions[0]); names are unique',
    },
  ])('reports $case', ({ text, line, column, path, message }) => {
    const file = configFile(text);
    const error = (() => {
      try {
        loadConfigFile(file);
      } catch (caught) {
        return caught;
      }
    })() as ConfigError;

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems.find((problem) => problem.path === path)).toEqual({
      file,
      line,
      column,
      path,
      message: expect.stringContaining(message),
    });
    expect(error.message).toContain(`${file}:${line}:${column} ${path}: ${message}`);
  });

  it('reports a missing file with the way to give one', () => {
    const file = join(tempDir(), 'missing.yaml');
    expect(() => loadConfigFile(file)).toThrow(
      `invalid config: ${file}: no such file; give --config FILE or REALITYCHECK_CONFIG`,
    );
  });
});
