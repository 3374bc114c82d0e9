/**
 * The part of a workload's verdict that the config metrics publish. Names
 * of variables and flags only: never a value.
 */

import type { Check } from '../evaluation.js';

/** The config, env, flag and inline-secret state of one workload in one region. */
export interface ConfigVerdict {
  /**
   * Share of serving instances, per container, whose effective config
   * differs from the intended one. Instances whose config cannot be
   * verified are in neither part. Absent for a container with nothing to compare.
   */
  configMismatchRatio: Record<string, number>;
  /** Instances whose variable differs, per container and intended variable. */
  envMismatch: { container: string; variable: string; instances: number }[];
  /** Instances whose reported flag differs, per container and intended flag. */
  flagMismatch: { container: string; flag: string; instances: number }[];
  /** Literal credential-like variables, per container. */
  inlineSecrets: { container: string; variable: string }[];
  /** Probes of serving instances that failed in the last round. */
  probeFailures: number;
  /**
   * The checks the intent asks of this workload: `config` when the release
   * records a config hash, `env` when it lists variables, `flag` when the
   * workload is probed. Their classes are published as 0 when nothing is found.
   */
  intendedChecks?: Check[];
}
