import { describe, expect, it } from 'vitest';

import { renderMetrics } from './render.js';
import { fixtureEvaluation, fixturePublication } from './testing/fixtures.js';

const noConfigFindings = {
  configMismatchRatio: {},
  envMismatch: [],
  flagMismatch: [],
  inlineSecrets: [],
  probeFailures: 0,
};

/** The checks of checkout in eu-west whose findings series exist, each once. */
async function publishedChecks(intendedChecks?: ('config' | 'env' | 'flag')[]) {
  const evaluation = fixtureEvaluation();
  evaluation.workloads[0]!.config = {
    ...noConfigFindings,
    ...(intendedChecks !== undefined ? { intendedChecks } : {}),
  };
  const text = await renderMetrics(fixturePublication(evaluation));
  const checks = text
    .split('\n')
    .filter((l) => l.startsWith('realitycheck_findings{region="eu-west"'))
    .filter((l) => l.includes('workload="checkout"') && l.endsWith(' 0'))
    .map((l) => /check="(\w+)"/.exec(l)![1]!);
  return [...new Set(checks)];
}

describe('zero-filled findings', () => {
  it('publishes zeros for the config, env and flag checks the intent asks of a workload', async () => {
    expect(await publishedChecks(['config', 'env', 'flag'])).toEqual([
      'digest',
      'config',
      'env',
      'flag',
    ]);
  });

  it('publishes no zeros for checks the intent does not ask of it, nor for the secret check', async () => {
    expect(await publishedChecks(['flag'])).toEqual(['digest', 'flag']);
    expect(await publishedChecks()).toEqual(['digest']);
  });
});
