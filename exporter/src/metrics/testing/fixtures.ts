/**
 * A small evaluation for tests of the metrics, the JSON view and the server:
 * one healthy region with a rollout half done, one stale edge region and one
 * region that never synced.
 */
import type { Publication } from '../exporter-status.js';
import type { Evaluation } from '../../verify/evaluation.js';

/** The digest of release 1.15.0, the intended one. */
export const DIGEST_NEW = `sha256:${'a'.repeat(64)}`;
/** The digest of release 1.14.2, one behind. */
export const DIGEST_OLD = `sha256:${'b'.repeat(64)}`;
/** A digest of no known release. */
export const DIGEST_ROGUE = `sha256:${'c'.repeat(64)}`;

/** 2026-12-01T12:00:00Z */
export const AT = Date.UTC(2026, 11, 1, 12, 0, 0);

/** The fixture evaluation; a new object on every call so tests cannot share mutations. */
export function fixtureEvaluation(): Evaluation {
  return {
    at: AT,
    regions: [
      {
        region: 'eu-west',
        source: 'snapshot:eu-west.json',
        up: true,
        health: 'ok',
        lastSync: AT - 5_000,
      },
      {
        region: 'edge-fra',
        source: 'snapshot:edge-fra.json',
        up: true,
        health: 'stale',
        lastSync: AT - 3_600_000,
      },
      {
        region: 'ap-south',
        source: 'kubernetes:ap-south',
        up: false,
        health: 'never-synced',
        error: 'connection refused',
      },
    ],
    workloads: [
      {
        region: 'eu-west',
        namespace: 'shop',
        workload: 'checkout',
        kind: 'Deployment',
        intendedVersion: '1.15.0',
        intended: [{ container: 'app', digest: DIGEST_NEW, version: '1.15.0' }],
        instances: [
          {
            container: 'app',
            digest: DIGEST_NEW,
            version: '1.15.0',
            releasesBehind: '0',
            count: 3,
          },
          {
            container: 'app',
            digest: DIGEST_OLD,
            version: '1.14.2',
            releasesBehind: '1',
            count: 1,
          },
          { container: 'app', digest: '', version: '', releasesBehind: 'pending', count: 1 },
        ],
        digestMismatchRatio: { app: 0.25 },
        mismatchSince: { digest: AT - 300_000 },
        unparsedImageIds: 0,
      },
    ],
    findings: [
      {
        region: 'edge-fra',
        namespace: 'shop',
        workload: 'checkout',
        check: 'source',
        class: 'unknown',
        severity: 'watch',
        instances: 0,
        since: AT - 3_600_000,
        reason: 'SourceStale',
        message: 'cannot verify: the source of region edge-fra is stale (data is 3600s old)',
      },
      {
        region: 'eu-west',
        namespace: 'shop',
        workload: 'checkout',
        check: 'digest',
        class: 'converging',
        severity: 'watch',
        instances: 1,
        since: AT - 300_000,
        reason: 'RolloutProgressing',
        message: '1 of 4 serving instances still run 1.14.2; the rollout is progressing',
      },
    ],
    summary: { unexpected: 0, stale: 0, drift: 0, invalid: 0, unknown: 1, converging: 1 },
  };
}

/** The fixture evaluation with an intent loaded a minute before it. */
export function fixturePublication(evaluation: Evaluation = fixtureEvaluation()): Publication {
  return {
    evaluation,
    intent: { loadOk: true, lastLoadAt: AT - 60_000, lastSuccessAt: AT - 60_000 },
    build: { version: '0.1.0', revision: 'abc1234' },
    limits: { digestsPerWorkload: 8 },
  };
}

/** The pods of a live Kubernetes source, as its metrics show them. */
const LIVE_POD_KIND = {
  kind: 'Pod',
  readable: true,
  absent: false,
  objects: 5,
  watchRestarts: 2,
  errors: 0,
  relists: 0,
};

/**
 * The fixture with a digest of no release and a limit of one digest per
 * workload, so that every family, folding included, has series.
 */
export function foldingPublication(): Publication {
  const evaluation = fixtureEvaluation();
  const checkout = evaluation.workloads[0]!;
  checkout.instances.push({
    container: 'app',
    digest: DIGEST_ROGUE,
    version: '',
    releasesBehind: 'unexpected',
    count: 2,
  });
  checkout.unparsedImageIds = 1;
  return {
    ...fixturePublication(evaluation),
    limits: { digestsPerWorkload: 1 },
    // A live source and a shard, so that every family of the contract is registered.
    sourceKinds: [{ region: 'eu-west', kinds: [LIVE_POD_KIND] }],
    shard: { index: 0, count: 2 },
  };
}
