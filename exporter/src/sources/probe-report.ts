/**
 * What an instance says about itself, read from the body of its probe: the
 * JSON self-report, or its own Prometheus exposition. Pure: the HTTP client
 * is in probe-http.ts.
 *
 * The JSON self-report:
 *
 *     { "version": "1.15.0", "revision": "4f2c1e9", "configHash": "sha256:...",
 *       "flags": { "new-checkout": true, "max-items": 50, "theme": "blue" } }
 *
 * Every field is optional; flags are strings, numbers or booleans.
 *
 * The Prometheus alternative (the convention documented in README.md):
 *
 *     myapp_build_info{version="1.15.0",revision="4f2c1e9",config_hash="sha256:..."} 1
 *     myapp_feature_flag{flag="new-checkout"} 1
 *     myapp_feature_flag_info{flag="theme",value="blue"} 1
 *
 * A `*_feature_flag` gauge carries a boolean (1/0) or numeric flag; a
 * `*_feature_flag_info` series (value 1) carries a string flag in its
 * `value` label, the way `_info` metrics carry text.
 */
import { parseExposition, type TextSample } from './prometheus-text.js';

/** The reported fields of one instance. */
export interface SelfReport {
  version?: string;
  revision?: string;
  configHash?: string;
  flags: Record<string, string | number | boolean>;
}

/** Why a body is not a self-report; names what was wrong, never repeats the body. */
export class ReportFormatError extends Error {
  override readonly name = 'ReportFormatError';
}

/**
 * `*_build_info` series that describe a language runtime, not the service:
 * client_golang registers go_build_info (the Go module's version) in every
 * Go program's default registry.
 */
const RUNTIME_BUILD_INFO: ReadonlySet<string> = new Set(['go_build_info']);

/** Reads the body as the format the probe names. */
export function readReport(body: string, format: 'json' | 'prometheus'): SelfReport {
  return format === 'json' ? readJsonReport(body) : readPrometheusReport(body);
}

/** Reads a JSON self-report. */
export function readJsonReport(body: string): SelfReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ReportFormatError('the body is not JSON');
  }
  if (!isRecord(parsed)) throw new ReportFormatError('the JSON body is not an object');

  const report: SelfReport = { flags: readJsonFlags(parsed.flags) };
  for (const field of ['version', 'revision', 'configHash'] as const) {
    const value = parsed[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new ReportFormatError(`"${field}" is not a string`);
    report[field] = value;
  }
  return report;
}

function readJsonFlags(flags: unknown): SelfReport['flags'] {
  if (flags === undefined || flags === null) return {};
  if (!isRecord(flags)) throw new ReportFormatError('"flags" is not an object');

  const read: SelfReport['flags'] = {};
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value === 'string' || typeof value === 'boolean') read[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) read[name] = value;
    else throw new ReportFormatError(`flag "${name}" is not a string, number or boolean`);
  }
  return read;
}

/** Reads the build info and flag gauges of a Prometheus text exposition. */
export function readPrometheusReport(body: string): SelfReport {
  const samples = parseExposition(body);
  const build = buildInfoOf(samples);

  const report: SelfReport = { flags: flagsOf(samples) };
  if (build.version !== undefined) report.version = build.version;
  if (build.revision !== undefined) report.revision = build.revision;
  if (build.config_hash !== undefined) report.configHash = build.config_hash;
  return report;
}

/** The labels of the service's build info; several that disagree are an error, not a guess. */
function buildInfoOf(samples: readonly TextSample[]): Record<string, string> {
  const candidates = samples.filter(
    (s) => s.name.endsWith('_build_info') && !RUNTIME_BUILD_INFO.has(s.name) && s.value === 1,
  );
  if (candidates.length === 0) {
    throw new ReportFormatError('no *_build_info gauge with value 1 in the exposition');
  }
  const versions = new Set(candidates.map((s) => s.labels.version));
  if (versions.size > 1) {
    const names = [...new Set(candidates.map((s) => s.name))].join(', ');
    throw new ReportFormatError(`several *_build_info series disagree on the version: ${names}`);
  }
  return candidates[0]!.labels;
}

function flagsOf(samples: readonly TextSample[]): SelfReport['flags'] {
  const flags: SelfReport['flags'] = {};
  for (const sample of samples) {
    const flag = sample.labels.flag;
    if (flag === undefined || flag === '') continue;
    if (sample.name.endsWith('_feature_flag') && Number.isFinite(sample.value)) {
      flags[flag] = sample.value;
    } else if (sample.name.endsWith('_feature_flag_info') && sample.value === 1) {
      const value = sample.labels.value;
      if (value !== undefined) flags[flag] = value;
    }
  }
  return flags;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
