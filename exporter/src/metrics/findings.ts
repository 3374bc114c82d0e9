/** The family that counts open findings, the series alerting rules start from. */
import type { Registry } from 'prom-client';

import {
  FINDING_CLASSES,
  type Check,
  type Evaluation,
  type WorkloadVerdict,
} from '../verify/evaluation.js';
import { registerGauge, type FamilyDefinition } from './family.js';
import { verifiedWorkloads, workloadLabels } from './verified.js';

/** Open findings per workload, check and class. */
export const FINDINGS: FamilyDefinition<'region' | 'namespace' | 'workload' | 'check' | 'class'> = {
  name: 'realitycheck_findings',
  help: 'Open findings per workload, check and class (a finding is one discrepancy, not one instance); every class of the digest check is 0 for a verified workload without findings.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'check', 'class'],
};

/**
 * The checks that every verified workload goes through in this version, so
 * their classes are published as 0 when there is nothing to report: a rule
 * then compares a present 0 instead of guessing from an absent series.
 * Checks that apply to some workloads only are added per workload (see
 * `checksOf`): traffic where the intent splits a service, config, env and
 * flag where the intent records a config hash, variables or a probe. The
 * secret check runs everywhere but is not zero-filled: six more series per
 * workload would change every pinned /metrics text for a class (`invalid`)
 * that rules only ever compare with `> 0`.
 */
export const ZERO_FILLED_CHECKS: readonly Check[] = ['digest'];

/** The families of this module, for the naming rules. */
export const FINDING_FAMILIES: readonly FamilyDefinition[] = [FINDINGS];

/**
 * Registers and fills the findings family. Zeros go only to workloads of
 * healthy regions; a blind region gets no zeros, so it can never look green,
 * and whatever findings the engine reports for it (class `unknown`) are
 * published as they are.
 */
export function fillFindings(registry: Registry, evaluation: Evaluation): void {
  const findings = registerGauge(FINDINGS, registry);

  for (const verdict of verifiedWorkloads(evaluation)) {
    for (const check of checksOf(verdict)) {
      for (const findingClass of FINDING_CLASSES) {
        findings.set({ ...workloadLabels(verdict), check, class: findingClass }, 0);
      }
    }
  }
  for (const finding of evaluation.findings) {
    const { region, namespace, workload, check } = finding;
    findings.inc({ region, namespace, workload, check, class: finding.class });
  }
}

/** The checks whose classes a verified workload publishes as 0. */
function checksOf(verdict: WorkloadVerdict): readonly Check[] {
  return [
    ...ZERO_FILLED_CHECKS,
    // The traffic check runs only for workloads whose intent names a service to split.
    ...(verdict.traffic !== undefined ? ['traffic' as const] : []),
    ...(verdict.config?.intendedChecks ?? []),
  ];
}
