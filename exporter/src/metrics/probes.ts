/**
 * The health of the reported layer: probes of instances that failed, per
 * probed workload. A failed probe makes what the instance reports unknown,
 * never drift; these families say how much of the layer is blind.
 */
import { Counter, type Registry } from 'prom-client';

import { registerGauge, type FamilyDefinition } from './family.js';

/** How the probes of one workload in one region are doing, as the runtime counts them. */
export interface ProbeStatus {
  region: string;
  namespace: string;
  workload: string;
  /** Instances asked in the last round. */
  probed: number;
  /** Instances whose probe failed in the last round. */
  failing: number;
  /** Probes that failed since the exporter started. */
  failures: number;
}

type WorkloadLabels = 'region' | 'namespace' | 'workload';

/** Instances whose last probe failed. */
export const PROBE_FAILING_INSTANCES: FamilyDefinition<WorkloadLabels> = {
  name: 'realitycheck_probe_failing_instances',
  help: 'Instances of a probed workload whose last self-report probe failed (timeout, refused, not 200, unreadable); what they report is unknown.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload'],
};

/** Probes that failed since start. */
export const PROBE_FAILURES: FamilyDefinition<WorkloadLabels> = {
  name: 'realitycheck_probe_failures_total',
  help: 'Self-report probes of instances of a workload that failed since the exporter started.',
  type: 'counter',
  labelNames: ['region', 'namespace', 'workload'],
};

/** The families of this module, for the naming rules. */
export const PROBE_FAMILIES: readonly FamilyDefinition[] = [
  PROBE_FAILING_INSTANCES,
  PROBE_FAILURES,
];

/** Registers and fills the probe families; empty when no workload is probed. */
export function fillProbes(registry: Registry, probes: readonly ProbeStatus[] = []): void {
  const failing = registerGauge(PROBE_FAILING_INSTANCES, registry);
  // A fresh registry per publication: the counter is set from the runtime's running count.
  const failures = new Counter({
    name: PROBE_FAILURES.name,
    help: PROBE_FAILURES.help,
    labelNames: PROBE_FAILURES.labelNames,
    registers: [registry],
  });
  for (const probe of probes) {
    const labels = { region: probe.region, namespace: probe.namespace, workload: probe.workload };
    failing.set(labels, probe.failing);
    failures.inc(labels, probe.failures);
  }
}
