import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { fillProbes } from './probes.js';

describe('fillProbes', () => {
  it('renders the probe health of each probed workload as exactly this text', async () => {
    const registry = new Registry();

    fillProbes(registry, [
      {
        region: 'eu-west',
        namespace: 'shop',
        workload: 'checkout',
        probed: 3,
        failing: 0,
        failures: 0,
      },
      {
        region: 'edge-fra',
        namespace: 'shop',
        workload: 'checkout',
        probed: 2,
        failing: 1,
        failures: 7,
      },
    ]);

    expect(await registry.metrics())
      .toBe(`# HELP realitycheck_probe_failing_instances Instances of a probed workload whose last self-report probe failed (timeout, refused, not 200, unreadable); what they report is unknown.
# TYPE realitycheck_probe_failing_instances gauge
realitycheck_probe_failing_instances{region="eu-west",namespace="shop",workload="checkout"} 0
realitycheck_probe_failing_instances{region="edge-fra",namespace="shop",workload="checkout"} 1

# HELP realitycheck_probe_failures_total Self-report probes of instances of a workload that failed since the exporter started.
# TYPE realitycheck_probe_failures_total counter
realitycheck_probe_failures_total{region="eu-west",namespace="shop",workload="checkout"} 0
realitycheck_probe_failures_total{region="edge-fra",namespace="shop",workload="checkout"} 7
`);
  });

  it('registers both families with no series when nothing is probed', async () => {
    const registry = new Registry();

    fillProbes(registry);

    const families = await registry.getMetricsAsJSON();
    expect(families.map((f) => [f.name, f.values.length])).toEqual([
      ['realitycheck_probe_failing_instances', 0],
      ['realitycheck_probe_failures_total', 0],
    ]);
  });
});
