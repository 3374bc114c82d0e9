/** The family that counts open findings, the series alerting rules start from. */
import type { Registry } from 'prom-client';

import { FINDING_CLASSES, type Check, type Evaluation } from '../verify/evaluation.js';
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
 * Extend it as the engine verifies config, env, flags and traffic.
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
    // The traffic check runs only for workloads whose intent names a service to split.
    const checks =
      verdict.traffic !== undefined ? [...ZERO_FILLED_CHECKS, 'traffic'] : ZERO_FILLED_CHECKS;
    for (const check of checks) {
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
