/**
 * The exporter's one typed options object, resolved from (lowest to
 * highest precedence) built-in defaults, the config file, environment
 * variables and command-line flags.
 */
import { dirname, resolve } from 'node:path';

import { formatDuration, parseDuration, isDuration, DURATION_HINT } from '../intent/duration.js';
import { LOG_LEVELS, type LogFormat, type LogLevel } from '../log/logger.js';
import {
  formatListenAddress,
  LISTEN_HINT,
  parseListenAddress,
  type ListenAddress,
} from './listen.js';
import { loadConfigFile } from './load.js';
import { LOG_FORMATS, type ConfigFile } from './schema.js';
import { OptionsError } from './options-error.js';
import { describePrometheus, withPrometheus } from './prometheus.js';
import { applySnapshotFlags, regionsFromConfig, type RegionOptions } from './regions.js';

import { parseShard, type Shard } from '../sources/kubernetes/scope.js';

export type { KubernetesSourceOptions, RegionOptions, SnapshotSourceOptions } from './regions.js';
export { OptionsError } from './options-error.js';
import { resolveSecretKeySetting, type SecretKeySetting } from './secrets.js';

/** Everything the exporter needs to start, validated and with paths made absolute. */
export interface ExporterOptions {
  /** The config file read, if any. */
  configFile?: string;
  listen: ListenAddress;
  /** The intent file or folder. */
  intentPath: string;
  /** Re-evaluate at least this often, since classes change with time alone. */
  evaluateIntervalMs: number;
  /** How often the reported layer probes instances; absent: the runtime's default. */
  probeIntervalMs?: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  limits: { digestsPerWorkload: number };
  /** Snapshot data older than this makes a region unknown; 0 disables the check. */
  defaultMaxAgeMs: number;
  regions: RegionOptions[];
  /** This exporter's shard of every live cluster, by namespace; absent: all namespaces. */
  shard?: Shard;
  /** TLS and basic auth of the endpoint, in the exporter toolkit's format (server/web-config.ts). */
  webConfigFile?: string;
  /** Where the HMAC key for Secret hashes comes from; read at start (config/secrets.ts). */
  secretKey?: SecretKeySetting;
}

/** Values of the command-line flags, as commander parses them (camelCase keys). */
export interface OptionFlags {
  config?: string;
  listen?: string;
  intent?: string;
  /** `REGION=PATH`, repeatable: adds a region or replaces its source. */
  snapshot?: string | string[];
  maxAge?: string;
  /** `i/n`: watch only the namespaces of shard i of n. */
  shard?: string;
  /** `--web.config.file`: TLS and basic auth, as Prometheus exporters take them. */
  webConfigFile?: string;
  logLevel?: string;
  logFormat?: string;
}

/** Where options come from; everything is explicit so that tests need no process state. */
export interface ResolveOptionsInput {
  flags?: OptionFlags;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** Built-in defaults, the lowest layer. */
export const OPTION_DEFAULTS = {
  listen: '0.0.0.0:9847',
  evaluateIntervalMs: 5_000,
  logLevel: 'info' as LogLevel,
  logFormat: 'auto' as LogFormat,
  digestsPerWorkload: 8,
  maxAgeMs: 10 * 60_000,
};

/**
 * Resolves the options. Throws OptionsError for a bad flag or variable and
 * ConfigError (one problem per line) for a bad config file.
 */
export function resolveOptions(input: ResolveOptionsInput = {}): ExporterOptions {
  const flags = input.flags ?? {};
  const env = input.env ?? {};
  const cwd = input.cwd ?? process.cwd();

  const configSetting = pick(flags.config, '--config', env, 'REALITYCHECK_CONFIG');
  const configFile = configSetting && resolve(cwd, configSetting.text);
  const file: ConfigFile = configFile !== undefined ? loadConfigFile(configFile) : {};
  const fileDir = configFile !== undefined ? dirname(configFile) : cwd;

  const maxAgeFlag = flags.maxAge !== undefined ? duration('--max-age', flags.maxAge) : undefined;
  const defaultMaxAgeMs =
    maxAgeFlag ?? fileDuration(file.defaults?.maxAge) ?? OPTION_DEFAULTS.maxAgeMs;
  const regions = applySnapshotFlags(
    regionsFromConfig(file.regions ?? [], fileDir, defaultMaxAgeMs, maxAgeFlag),
    list(flags.snapshot),
    cwd,
    defaultMaxAgeMs,
  );

  return {
    ...(configFile !== undefined ? { configFile } : {}),
    listen: resolveListen(flags, env, file),
    intentPath: resolveIntent(flags, env, file, cwd, fileDir),
    evaluateIntervalMs: fileDuration(file.evaluateInterval) ?? OPTION_DEFAULTS.evaluateIntervalMs,
    logLevel:
      resolveChoice(flags.logLevel, '--log-level', env, 'REALITYCHECK_LOG_LEVEL', LOG_LEVELS) ??
      file.logLevel ??
      OPTION_DEFAULTS.logLevel,
    logFormat:
      resolveChoice(flags.logFormat, '--log-format', env, 'REALITYCHECK_LOG_FORMAT', LOG_FORMATS) ??
      file.logFormat ??
      OPTION_DEFAULTS.logFormat,
    limits: {
      digestsPerWorkload: file.limits?.digestsPerWorkload ?? OPTION_DEFAULTS.digestsPerWorkload,
    },
    defaultMaxAgeMs,
    regions: withPrometheus(requireRegions(regions), file.regions ?? []),
    ...optional('shard', resolveShard(flags, env)),
    ...optional('probeIntervalMs', fileDuration(file.probeInterval)),
    ...optional('webConfigFile', resolveWebConfigFile(flags, env, file, cwd, fileDir)),
    secretKey: resolveSecretKeySetting(file.secrets?.hmacKeyFile, fileDir, env),
  };
}

/** The effective configuration as a loggable object; it holds no secrets. */
export function describeOptions(options: ExporterOptions): Record<string, unknown> {
  return {
    configFile: options.configFile ?? null,
    listen: formatListenAddress(options.listen),
    intent: options.intentPath,
    evaluateInterval: formatDuration(options.evaluateIntervalMs),
    logLevel: options.logLevel,
    logFormat: options.logFormat,
    digestsPerWorkload: options.limits.digestsPerWorkload,
    maxAge: formatDuration(options.defaultMaxAgeMs),
    ...(options.webConfigFile !== undefined ? { webConfigFile: options.webConfigFile } : {}),
    ...(options.probeIntervalMs !== undefined
      ? { probeInterval: formatDuration(options.probeIntervalMs) }
      : {}),
    ...(options.shard !== undefined
      ? { shard: `${options.shard.index}/${options.shard.count}` }
      : {}),
    regions: options.regions.map((region) => ({
      ...describeRegion(region),
      ...(region.prometheus !== undefined
        ? { prometheus: describePrometheus(region.prometheus) }
        : {}),
    })),
    // Where the key comes from, never the key.
    hmacKey: options.secretKey?.source ?? 'none',
  };
}

/** A region as logged: where its data comes from, never credentials. */
function describeRegion(region: RegionOptions): Record<string, unknown> {
  const { source } = region;
  if (source.type === 'kubernetes') {
    const { type, maxAgeMs, ...rest } = source;
    return { name: region.name, source: type, ...rest, maxStaleness: formatDuration(maxAgeMs) };
  }
  return {
    name: region.name,
    source: source.type,
    path: source.path,
    maxAge: formatDuration(source.maxAgeMs),
    pollInterval: formatDuration(source.pollIntervalMs),
  };
}

/** `--shard i/n` (or REALITYCHECK_SHARD): this exporter's share of each cluster's namespaces. */
function resolveShard(
  flags: OptionFlags,
  env: Record<string, string | undefined>,
): Shard | undefined {
  const setting = pick(flags.shard, '--shard', env, 'REALITYCHECK_SHARD');
  if (setting === undefined) return undefined;
  const shard = parseShard(setting.text);
  if (shard === undefined) {
    throw new OptionsError(setting.option, setting.text, SHARD_HINT);
  }
  return shard;
}

/** The web config file: the flag or variable from the working folder, the key from the config's. */
function resolveWebConfigFile(
  flags: OptionFlags,
  env: Record<string, string | undefined>,
  file: ConfigFile,
  cwd: string,
  fileDir: string,
): string | undefined {
  const setting = pick(
    flags.webConfigFile,
    '--web.config.file',
    env,
    'REALITYCHECK_WEB_CONFIG_FILE',
  );
  if (setting !== undefined) return resolve(cwd, setting.text);
  return file.webConfigFile !== undefined ? resolve(fileDir, file.webConfigFile) : undefined;
}

const SHARD_HINT = 'expected i/n with 0 <= i < n, e.g. 0/4 for the first of four exporters';

type Setting = { text: string; option: string };

/** The flag if given, else the variable if set and not empty. */
function pick(
  flag: string | undefined,
  flagName: string,
  env: Record<string, string | undefined>,
  envName: string,
): Setting | undefined {
  if (flag !== undefined) return { text: flag, option: flagName };
  const fromEnv = env[envName];
  // An empty variable counts as unset: manifests often template `value: ""`.
  return fromEnv !== undefined && fromEnv !== '' ? { text: fromEnv, option: envName } : undefined;
}

function resolveListen(
  flags: OptionFlags,
  env: Record<string, string | undefined>,
  file: ConfigFile,
) {
  const setting = pick(flags.listen, '--listen', env, 'REALITYCHECK_LISTEN');
  if (setting === undefined)
    return parseListenAddress(file.listen ?? OPTION_DEFAULTS.listen) as ListenAddress;
  const address = parseListenAddress(setting.text);
  if (address === undefined) throw new OptionsError(setting.option, setting.text, LISTEN_HINT);
  return address;
}

function resolveIntent(
  flags: OptionFlags,
  env: Record<string, string | undefined>,
  file: ConfigFile,
  cwd: string,
  fileDir: string,
): string {
  const setting = pick(flags.intent, '--intent', env, 'REALITYCHECK_INTENT');
  if (setting !== undefined) return resolve(cwd, setting.text);
  if (file.intent !== undefined) return resolve(fileDir, file.intent);
  throw new OptionsError(
    '--intent',
    undefined,
    'no intent given; pass --intent FILE, set REALITYCHECK_INTENT or put intent: in the config file',
  );
}

function resolveChoice<T extends string>(
  flag: string | undefined,
  flagName: string,
  env: Record<string, string | undefined>,
  envName: string,
  allowed: readonly T[],
): T | undefined {
  const setting = pick(flag, flagName, env, envName);
  if (setting === undefined) return undefined;
  if ((allowed as readonly string[]).includes(setting.text)) return setting.text as T;
  throw new OptionsError(setting.option, setting.text, `expected one of ${allowed.join(', ')}`);
}

function requireRegions(regions: RegionOptions[]): RegionOptions[] {
  if (regions.length > 0) return regions;
  throw new OptionsError(
    '--snapshot',
    undefined,
    'no regions given; pass --snapshot REGION=PATH or list regions: in the config file',
  );
}

function duration(option: string, text: string): number {
  if (!isDuration(text)) throw new OptionsError(option, text, DURATION_HINT);
  return parseDuration(text);
}

function fileDuration(text: string | undefined): number | undefined {
  return text !== undefined ? parseDuration(text) : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
