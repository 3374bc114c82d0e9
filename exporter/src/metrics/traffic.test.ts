import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import type { Evaluation } from '../verify/evaluation.js';
import { fillFindings } from './findings.js';
import { fillTraffic } from './traffic.js';
import { fixtureEvaluation } from './testing/fixtures.js';

const CHECKOUT = 'region="eu-west",namespace="shop",workload="checkout",service="checkout"';

/** The fixture with the 30% case on checkout: declared 100/0, observed 70/30. */
function withTraffic(): Evaluation {
  const evaluation = fixtureEvaluation();
  evaluation.workloads[0]!.traffic = {
    service: 'checkout',
    intended: { 'checkout-v15': 1, 'checkout-v14': 0 },
    declared: { 'checkout-v15': 1, 'checkout-v14': 0 },
    observed: { 'checkout-v15': 0.7, 'checkout-v14': 0.3 },
    deviation: 0.3,
  };
  return evaluation;
}

async function render(fill: (registry: Registry) => void): Promise<string> {
  const registry = new Registry();
  fill(registry);
  return registry.metrics();
}

describe('fillTraffic', () => {
  it('renders every layer, the deviation and the query health as exactly this text', async () => {
    const queries = [
      { region: 'eu-west', up: true, failures: 0 },
      { region: 'edge-fra', up: false, failures: 3 },
    ];
    const text = await render((registry) => fillTraffic(registry, withTraffic(), queries));

    expect(text)
      .toBe(`# HELP realitycheck_traffic_weight_ratio Share (0..1) of a service's traffic per backend and layer (intended, declared, observed); a layer that cannot be read is absent.
# TYPE realitycheck_traffic_weight_ratio gauge
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v15",layer="intended"} 1
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v14",layer="intended"} 0
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v15",layer="declared"} 1
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v14",layer="declared"} 0
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v15",layer="observed"} 0.7
realitycheck_traffic_weight_ratio{${CHECKOUT},backend="checkout-v14",layer="observed"} 0.3

# HELP realitycheck_traffic_deviation_ratio Largest gap (0..1) between any backend's intended share and its declared or observed share; absent when neither layer can be read.
# TYPE realitycheck_traffic_deviation_ratio gauge
realitycheck_traffic_deviation_ratio{${CHECKOUT}} 0.3

# HELP realitycheck_traffic_query_up 1 when the region's Prometheus answered the last traffic queries, else 0 (the observed layer is unknown); absent for regions without one.
# TYPE realitycheck_traffic_query_up gauge
realitycheck_traffic_query_up{region="eu-west"} 1
realitycheck_traffic_query_up{region="edge-fra"} 0

# HELP realitycheck_traffic_query_failures_total Traffic queries to the region's Prometheus that failed (unreachable, an error, or an answer that is not a vector).
# TYPE realitycheck_traffic_query_failures_total counter
realitycheck_traffic_query_failures_total{region="eu-west"} 0
realitycheck_traffic_query_failures_total{region="edge-fra"} 3
`);
  });

  it('publishes nothing for a workload of a blind region, even with a traffic verdict', async () => {
    const evaluation = withTraffic();
    evaluation.regions[0]!.health = 'stale';

    const text = await render((registry) => fillTraffic(registry, evaluation));

    expect(text).not.toContain('realitycheck_traffic_weight_ratio{');
    expect(text).not.toContain('realitycheck_traffic_deviation_ratio{');
  });

  it('leaves out a layer that cannot be read, and the deviation when no layer can', async () => {
    const evaluation = withTraffic();
    evaluation.workloads[0]!.traffic = { service: 'checkout', intended: { 'checkout-v15': 1 } };

    const text = await render((registry) => fillTraffic(registry, evaluation));

    expect(text).toContain(`{${CHECKOUT},backend="checkout-v15",layer="intended"} 1`);
    expect(text).not.toContain('layer="declared"');
    expect(text).not.toContain('realitycheck_traffic_deviation_ratio{');
  });
});

describe('findings of the traffic check', () => {
  it('are zero-filled for a workload with intended traffic, and only for it', async () => {
    const text = await render((registry) => fillFindings(registry, withTraffic()));

    expect(text).toContain(
      'realitycheck_findings{region="eu-west",namespace="shop",workload="checkout",check="traffic",class="drift"} 0',
    );
    const plain = await render((registry) => fillFindings(registry, fixtureEvaluation()));
    expect(plain).not.toContain('check="traffic"');
  });
});
