/**
 * The `probe` of an intended workload: how the reported layer asks its
 * instances what they run, with defaults filled in.
 */
import { parseDuration } from './duration.js';
import type { ProbeSpec } from './model.js';
import type { WorkloadEntry } from './schema.js';

/** Default probe timeout: long enough for a busy process, short enough not to hold a cycle. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** The probe as written -> the model: default path by format, timeout in milliseconds. */
export function normaliseProbe(probe: NonNullable<WorkloadEntry['probe']>): ProbeSpec {
  const format = probe.format ?? 'json';
  return {
    port: probe.port,
    path: probe.path ?? (format === 'json' ? '/version' : '/metrics'),
    format,
    timeoutMs:
      probe.timeout !== undefined ? parseDuration(probe.timeout) : DEFAULT_PROBE_TIMEOUT_MS,
    ...(probe.container !== undefined ? { container: probe.container } : {}),
  };
}
