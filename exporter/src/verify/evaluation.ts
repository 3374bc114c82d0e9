/**
 * The result of one verification pass: what the metrics, the JSON view and
 * the CLI all show. Produced by `evaluate()`, a pure function.
 */
import type { ConfigVerdict } from './config/verdict.js';

/** Which link of the verification chain a finding is about. */
export type Check =
  'digest' | 'config' | 'env' | 'flag' | 'traffic' | 'secret' | 'intent' | 'source';

/** The classes of DESIGN.md. */
export type FindingClass = 'converging' | 'drift' | 'stale' | 'unexpected' | 'invalid' | 'unknown';

/** Watch items resolve themselves or cannot be verified; action items need a person. */
export type Severity = 'watch' | 'action';

/** Every class, in the order reports list them: most urgent first. */
export const FINDING_CLASSES: readonly FindingClass[] = [
  'unexpected',
  'stale',
  'drift',
  'invalid',
  'unknown',
  'converging',
];

/** The severity of each class. */
export const SEVERITY: Record<FindingClass, Severity> = {
  converging: 'watch',
  unknown: 'watch',
  drift: 'action',
  stale: 'action',
  unexpected: 'action',
  invalid: 'action',
};

/** One discrepancy, with where the chain broke and why. */
export interface Finding {
  region: string;
  namespace: string;
  workload: string;
  check: Check;
  class: FindingClass;
  severity: Severity;
  /** Instances this finding is about (0 when it is about the workload itself). */
  instances: number;
  /** When the discrepancy began, epoch milliseconds, when known. */
  since?: number;
  /** A stable machine word: ProgressDeadlineExceeded, OnDelete, ... */
  reason: string;
  /** A sentence for people. Never holds a secret value. */
  message: string;
}

/**
 * How far an instance is from its intended release: `0`, `1`, ... releases
 * behind, a negative number when it runs a newer release than intended,
 * `unexpected` for a digest of no known release, `pending` when no image
 * runs yet or it does not serve, `unknown` when the digest cannot be read.
 */
export type ReleasesBehind = string;

/** Running containers that share a digest and a distance from the intent. */
export interface InstanceCount {
  container: string;
  /** `sha256:...`, or '' when there is none (pending, unreadable). */
  digest: string;
  /** The release the digest belongs to, or '' when it belongs to none. */
  version: string;
  releasesBehind: ReleasesBehind;
  count: number;
}

/** The intended digest of one container in one region. */
export interface IntendedInfo {
  container: string;
  digest: string;
  version: string;
}

/** The verdict on one workload in one region. */
export interface WorkloadVerdict {
  region: string;
  namespace: string;
  workload: string;
  kind?: string;
  intendedVersion: string;
  intended: IntendedInfo[];
  instances: InstanceCount[];
  /**
   * Share of serving instances not on an intended digest, per container.
   * Absent for a container with no serving instance: nothing to compare.
   */
  digestMismatchRatio: Record<string, number>;
  /** When the current mismatch began, per check; absent when in sync. */
  mismatchSince: Partial<Record<Check, number>>;
  /** Image IDs that parsed as nothing, counted so that they never break a scrape. */
  unparsedImageIds: number;
  /** Config, env, flag and inline-secret state; absent only from verdicts built elsewhere. */
  config?: ConfigVerdict;
  /** The traffic split of the workload's service, when the intent names one. */
  traffic?: TrafficVerdict;
}

/**
 * A service's traffic split per layer, as shares between 0 and 1 by backend.
 * A layer that cannot be read in this region is absent, never zero.
 */
export interface TrafficVerdict {
  service: string;
  intended: Record<string, number>;
  declared?: Record<string, number>;
  observed?: Record<string, number>;
  /** The largest gap between intended and declared or observed; absent when neither is known. */
  deviation?: number;
}

/** Why a region can or cannot be verified. */
export type RegionHealth = 'ok' | 'down' | 'stale' | 'never-synced';

/** The state of one region's source. */
export interface RegionVerdict {
  region: string;
  source: string;
  up: boolean;
  health: RegionHealth;
  lastSync?: number;
  error?: string;
}

/** Counts of findings per class. */
export type Summary = Record<FindingClass, number>;

/** One verification pass. */
export interface Evaluation {
  at: number;
  regions: RegionVerdict[];
  workloads: WorkloadVerdict[];
  findings: Finding[];
  summary: Summary;
}
