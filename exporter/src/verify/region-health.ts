/**
 * Whether a region can be verified at all. Never green when blind: a
 * region whose source is down, stale or never answered is unknown.
 */
import type { RegionObservation } from '../sources/observations.js';
import type { Finding, RegionHealth, RegionVerdict } from './evaluation.js';

/** The health of a region's source at a given time. */
export function regionHealth(observation: RegionObservation, now: number): RegionHealth {
  if (observation.state === undefined || observation.lastSync === undefined) return 'never-synced';
  if (!observation.up) return 'down';
  const age = now - observation.lastSync;
  if (observation.maxAgeMs > 0 && age > observation.maxAgeMs) return 'stale';
  return 'ok';
}

/** The region's verdict as reports show it. */
export function regionVerdict(observation: RegionObservation, now: number): RegionVerdict {
  return {
    region: observation.region,
    source: observation.source,
    up: observation.up,
    health: regionHealth(observation, now),
    ...(observation.lastSync !== undefined ? { lastSync: observation.lastSync } : {}),
    ...(observation.error !== undefined ? { error: observation.error } : {}),
  };
}

const BLIND_REASONS: Record<Exclude<RegionHealth, 'ok'>, string> = {
  down: 'SourceDown',
  stale: 'SourceStale',
  'never-synced': 'SourceNeverSynced',
};

/** The finding that says a workload cannot be verified because its region is blind. */
export function blindFinding(
  verdict: RegionVerdict,
  namespace: string,
  workload: string,
  now: number,
): Finding {
  const health = verdict.health === 'ok' ? 'down' : verdict.health;
  const age =
    verdict.lastSync === undefined
      ? 'no data was ever read'
      : `data is ${Math.round((now - verdict.lastSync) / 1000)}s old`;
  const cause = verdict.error !== undefined ? `: ${verdict.error}` : '';
  return {
    region: verdict.region,
    namespace,
    workload,
    check: 'source',
    class: 'unknown',
    severity: 'watch',
    instances: 0,
    ...(verdict.lastSync !== undefined ? { since: verdict.lastSync } : {}),
    reason: BLIND_REASONS[health],
    message: `cannot verify: the source of region ${verdict.region} is ${health} (${age})${cause}`,
  };
}
