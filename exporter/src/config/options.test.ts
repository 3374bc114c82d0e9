import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useTempDir } from '../intent/testing/temp-dir.js';
import { ConfigError } from './load.js';
import {
  describeOptions,
  OptionsError,
  resolveOptions,
  type SnapshotSourceOptions,
} from './options.js';

const CONFIG = `
listen: 127.0.0.1:9000
intent: ./intent
evaluateInterval: 10s
logLevel: debug
defaults: { maxAge: 1m }
regions:
  - name: eu-west
    snapshot: { path: ./snapshots/eu-west.json, maxAge: 5m }
  - name: us-east
    snapshot: { path: /data/us-east.json, pollInterval: 500ms }
`;

describe('resolveOptions', () => {
  const tempDir = useTempDir('realitycheck-options-');

  function withConfig(text = CONFIG): { dir: string; file: string } {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, text);
    return { dir, file };
  }

  it('uses the built-in defaults for what nobody sets', () => {
    const options = resolveOptions({
      flags: { intent: 'intent.yaml', snapshot: ['eu=eu.json'] },
      env: {},
      cwd: '/work',
    });
    expect(options).toEqual({
      listen: { host: '0.0.0.0', port: 9847 },
      intentPath: '/work/intent.yaml',
      evaluateIntervalMs: 5_000,
      logLevel: 'info',
      logFormat: 'auto',
      limits: { digestsPerWorkload: 8 },
      defaultMaxAgeMs: 600_000,
      regions: [
        {
          name: 'eu',
          source: {
            type: 'snapshot',
            path: '/work/eu.json',
            maxAgeMs: 600_000,
            pollIntervalMs: 2_000,
          },
        },
      ],
      secretKey: { source: 'none' },
    });
  });

  it("reads the config file, resolving its paths against the file's folder", () => {
    const { dir, file } = withConfig();
    const options = resolveOptions({ flags: { config: file }, env: {}, cwd: '/elsewhere' });

    expect(options).toMatchObject({
      configFile: file,
      listen: { host: '127.0.0.1', port: 9000 },
      intentPath: join(dir, 'intent'),
      evaluateIntervalMs: 10_000,
      logLevel: 'debug',
      defaultMaxAgeMs: 60_000,
    });
    expect(
      options.regions.map((r) => [
        r.name,
        (r.source as SnapshotSourceOptions).path,
        r.source.maxAgeMs,
        (r.source as SnapshotSourceOptions).pollIntervalMs,
      ]),
    ).toEqual([
      ['eu-west', join(dir, 'snapshots/eu-west.json'), 300_000, 2_000],
      ['us-east', '/data/us-east.json', 60_000, 500],
    ]);
  });

  it('lets environment variables override the file, and flags override both', () => {
    const { file } = withConfig();
    const env = {
      REALITYCHECK_CONFIG: file,
      REALITYCHECK_LISTEN: '127.0.0.1:9100',
      REALITYCHECK_INTENT: 'env-intent.yaml',
      REALITYCHECK_LOG_LEVEL: 'warn',
      REALITYCHECK_LOG_FORMAT: 'json',
    };
    const fromEnv = resolveOptions({ env, cwd: '/cwd' });
    expect(fromEnv).toMatchObject({
      listen: { port: 9100 },
      intentPath: '/cwd/env-intent.yaml',
      logLevel: 'warn',
      logFormat: 'json',
    });

    const flags = {
      listen: '[::1]:9200',
      intent: 'flag.yaml',
      logLevel: 'error',
      logFormat: 'pretty',
    };
    expect(resolveOptions({ flags, env, cwd: '/cwd' })).toMatchObject({
      listen: { host: '::1', port: 9200 },
      intentPath: '/cwd/flag.yaml',
      logLevel: 'error',
      logFormat: 'pretty',
    });
  });

  it('treats an empty environment variable as unset', () => {
    const options = resolveOptions({
      flags: { intent: 'i.yaml', snapshot: 'eu=eu.json' },
      env: { REALITYCHECK_LISTEN: '', REALITYCHECK_LOG_LEVEL: '' },
      cwd: '/work',
    });
    expect(options).toMatchObject({ listen: { port: 9847 }, logLevel: 'info' });
  });

  it('adds regions with --snapshot and replaces the source of a region of the file', () => {
    const { file } = withConfig();
    const options = resolveOptions({
      flags: { config: file, snapshot: ['us-east=dump.json', 'ap-south=ap.json'] },
      cwd: '/cwd',
    });
    expect(options.regions.map((r) => [r.name, (r.source as SnapshotSourceOptions).path])).toEqual([
      ['eu-west', expect.stringMatching(/snapshots\/eu-west\.json$/)],
      ['us-east', '/cwd/dump.json'],
      ['ap-south', '/cwd/ap.json'],
    ]);
  });

  it('applies --max-age to every region, over their own maxAge', () => {
    const { file } = withConfig();
    const options = resolveOptions({ flags: { config: file, maxAge: '0' }, cwd: '/cwd' });
    expect(options.defaultMaxAgeMs).toBe(0);
    expect(options.regions.map((r) => r.source.maxAgeMs)).toEqual([0, 0]);
  });

  it.each([
    [{ listen: '9847' }, {}, '--listen "9847": expected host:port, e.g. 0.0.0.0:9847'],
    [
      {},
      { REALITYCHECK_LISTEN: 'host:99999' },
      'REALITYCHECK_LISTEN "host:99999": expected host:port, e.g. 0.0.0.0:9847',
    ],
    [
      { logLevel: 'loud' },
      {},
      '--log-level "loud": expected one of trace, debug, info, warn, error, fatal, silent',
    ],
    [
      {},
      { REALITYCHECK_LOG_FORMAT: 'text' },
      'REALITYCHECK_LOG_FORMAT "text": expected one of json, pretty, auto',
    ],
    [
      { maxAge: '10' },
      {},
      '--max-age "10": expected a duration such as 90s, 15m, 1h30m or 500ms (units ms, s, m, h, d)',
    ],
    [
      { snapshot: 'eu-west.json' },
      {},
      '--snapshot "eu-west.json": expected REGION=PATH, e.g. eu-west=./eu-west.json',
    ],
    [
      { snapshot: 'eu west=a.json' },
      {},
      '--snapshot "eu west=a.json": region name "eu west": expected letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
    ],
    [
      { intent: undefined },
      {},
      '--intent: no intent given; pass --intent FILE, set REALITYCHECK_INTENT or put intent: in the config file',
    ],
    [
      { snapshot: [] },
      {},
      '--snapshot: no regions given; pass --snapshot REGION=PATH or list regions: in the config file',
    ],
  ])('refuses flags %j and env %j in one line: %s', (flags, env, message) => {
    const base = { intent: 'i.yaml', snapshot: ['eu=eu.json'] };
    const call = () => resolveOptions({ flags: { ...base, ...flags }, env, cwd: '/work' });
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('throws ConfigError, naming file, line and field, for a bad config file', () => {
    const { file } = withConfig('listen: 9847\n');
    const call = () => resolveOptions({ flags: { config: file }, cwd: '/work' });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(
      `invalid config: ${file}:1:9 listen: expected string, got number; put it in quotes`,
    );
  });
});

describe('describeOptions', () => {
  it('gives the effective configuration in the words of the config file', () => {
    const options = resolveOptions({
      flags: { intent: 'intent.yaml', snapshot: ['eu=eu.json'], listen: '127.0.0.1:0' },
      cwd: '/work',
    });
    expect(describeOptions(options)).toEqual({
      configFile: null,
      listen: '127.0.0.1:0',
      intent: '/work/intent.yaml',
      evaluateInterval: '5s',
      logLevel: 'info',
      logFormat: 'auto',
      digestsPerWorkload: 8,
      maxAge: '10m',
      regions: [
        {
          name: 'eu',
          source: 'snapshot',
          path: '/work/eu.json',
          maxAge: '10m',
          pollInterval: '2s',
        },
      ],
      hmacKey: 'none',
    });
  });
});
