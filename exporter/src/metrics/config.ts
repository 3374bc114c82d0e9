/**
 * The families of the config, env, flag and inline-secret checks. Variable
 * and flag names are labels; their values never are.
 */
import type { Registry } from 'prom-client';

import type { Evaluation } from '../verify/evaluation.js';
import { registerGauge, type FamilyDefinition } from './family.js';
import { verifiedWorkloads, workloadLabels } from './verified.js';

type ContainerLabels = 'region' | 'namespace' | 'workload' | 'container';

/** Share of serving instances whose effective config differs from the intended one. */
export const CONFIG_MISMATCH_RATIO: FamilyDefinition<ContainerLabels> = {
  name: 'realitycheck_config_mismatch_ratio',
  help: 'Share (0..1) of serving instances of a container whose effective config (ConfigMaps at start, config hash, env) differs from the intended one; instances that cannot be verified are in neither part.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container'],
};

/** Instances whose intended variable differs, by name. */
export const ENV_MISMATCH_INSTANCES: FamilyDefinition<ContainerLabels | 'variable'> = {
  name: 'realitycheck_env_mismatch_instances',
  help: 'Serving instances whose environment variable differs from the intended value (names only, never values); 0 for every intended variable that matches.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container', 'variable'],
};

/** Instances whose reported flag differs, by name. */
export const FLAG_MISMATCH_INSTANCES: FamilyDefinition<ContainerLabels | 'flag'> = {
  name: 'realitycheck_flag_mismatch_instances',
  help: 'Probed instances whose reported feature flag differs from the intended value; 0 for every intended flag that matches.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container', 'flag'],
};

/** A literal credential-like variable. */
export const INLINE_SECRET_ENV: FamilyDefinition<ContainerLabels | 'variable'> = {
  name: 'realitycheck_inline_secret_env',
  help: 'A credential-like environment variable set as a literal value instead of secretKeyRef (the variable name only); always 1.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container', 'variable'],
};

/** The families of this module, for the naming rules. */
export const CONFIG_FAMILIES: readonly FamilyDefinition[] = [
  CONFIG_MISMATCH_RATIO,
  ENV_MISMATCH_INSTANCES,
  FLAG_MISMATCH_INSTANCES,
  INLINE_SECRET_ENV,
];

/** Registers and fills the config families for every verified workload. */
export function fillConfig(registry: Registry, evaluation: Evaluation): void {
  const ratio = registerGauge(CONFIG_MISMATCH_RATIO, registry);
  const env = registerGauge(ENV_MISMATCH_INSTANCES, registry);
  const flags = registerGauge(FLAG_MISMATCH_INSTANCES, registry);
  const inline = registerGauge(INLINE_SECRET_ENV, registry);

  for (const verdict of verifiedWorkloads(evaluation)) {
    const config = verdict.config;
    if (config === undefined) continue;
    const labels = workloadLabels(verdict);

    for (const [container, share] of Object.entries(config.configMismatchRatio)) {
      ratio.set({ ...labels, container }, share);
    }
    for (const { container, variable, instances } of config.envMismatch) {
      env.set({ ...labels, container, variable }, instances);
    }
    for (const { container, flag, instances } of config.flagMismatch) {
      flags.set({ ...labels, container, flag }, instances);
    }
    for (const { container, variable } of config.inlineSecrets) {
      inline.set({ ...labels, container, variable }, 1);
    }
  }
}
