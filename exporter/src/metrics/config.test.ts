import { describe, expect, it } from 'vitest';

import { renderMetrics } from './render.js';
import { fixtureEvaluation, fixturePublication } from './testing/fixtures.js';

const CHECKOUT = 'region="eu-west",namespace="shop",workload="checkout"';

describe('config families', () => {
  it('renders the config verdict of a verified workload as exactly these series', async () => {
    const evaluation = fixtureEvaluation();
    evaluation.workloads[0]!.config = {
      configMismatchRatio: { app: 0.25 },
      envMismatch: [
        { container: 'app', variable: 'LOG_LEVEL', instances: 1 },
        { container: 'app', variable: 'MODE', instances: 0 },
      ],
      flagMismatch: [{ container: 'app', flag: 'new-checkout', instances: 2 }],
      inlineSecrets: [{ container: 'app', variable: 'PAYMENT_API_KEY' }],
      probeFailures: 0,
    };

    const text = await renderMetrics(fixturePublication(evaluation));
    const lines = text.split('\n').filter((l) => /^realitycheck_(config|env|flag|inline)_/.test(l));

    expect(lines).toEqual([
      `realitycheck_config_mismatch_ratio{${CHECKOUT},container="app"} 0.25`,
      `realitycheck_env_mismatch_instances{${CHECKOUT},container="app",variable="LOG_LEVEL"} 1`,
      `realitycheck_env_mismatch_instances{${CHECKOUT},container="app",variable="MODE"} 0`,
      `realitycheck_flag_mismatch_instances{${CHECKOUT},container="app",flag="new-checkout"} 2`,
      `realitycheck_inline_secret_env{${CHECKOUT},container="app",variable="PAYMENT_API_KEY"} 1`,
    ]);
  });

  it('publishes nothing for a workload of a blind region', async () => {
    const evaluation = fixtureEvaluation();
    const checkout = evaluation.workloads[0]!;
    evaluation.workloads.push({
      ...checkout,
      region: 'edge-fra',
      config: {
        configMismatchRatio: { app: 0 },
        envMismatch: [],
        flagMismatch: [],
        inlineSecrets: [{ container: 'app', variable: 'API_TOKEN' }],
        probeFailures: 0,
      },
    });

    const text = await renderMetrics(fixturePublication(evaluation));

    expect(text).not.toMatch(/realitycheck_(config|inline)_\w+\{region="edge-fra"/);
  });
});
