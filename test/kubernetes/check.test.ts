/**
 * `realitycheck check` on a live (fake) cluster: one sync, one report, the
 * exit status of DESIGN.md, and "could not run" when the API is not there.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runCli } from '../support/exporter.js';
import { fixtureObjects, intentYaml } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

describe('realitycheck check over a live (fake) Kubernetes API', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  async function check(...extra: string[]) {
    const config = join(harness.dir, 'config.yaml');
    await writeFile(join(harness.dir, 'intent.yaml'), intentYaml());
    await writeFile(
      config,
      [
        'intent: ./intent.yaml',
        'regions:',
        '  - name: region-0',
        `    kubernetes: { kubeconfig: ${harness.kubeconfig}, context: region-0 }`,
        '',
      ].join('\n'),
    );
    return runCli(['check', '--config', config, ...extra]);
  }

  it.each([
    ['in sync', 0, [], 0],
    ['rolling out', 1, ['region-0/checkout/converging/RolloutProgressing'], 1],
  ])(
    'syncs once, reports what runs and exits by its findings: %s',
    async (_title, oldPods, findings, exit) => {
      harness.servers[0]!.cluster.apply(...fixtureObjects(oldPods as number));

      const result = await check('--format', 'json');

      expect(result.stderr).toBe('');
      const document = JSON.parse(result.stdout) as {
        regions: { name: string; up: boolean; health: string }[];
        findings: { region: string; workload: string; class: string; reason: string }[];
      };
      expect(document.regions).toEqual([
        expect.objectContaining({ name: 'region-0', up: true, health: 'ok' }),
      ]);
      const seen = document.findings.map((f) => `${f.region}/${f.workload}/${f.class}/${f.reason}`);
      expect(seen).toEqual(findings);
      expect(result.code).toBe(exit);
    },
  );

  it('exits 3 (could not run) naming the region when its API server is gone', async () => {
    harness.servers[0]!.cluster.apply(...fixtureObjects());
    await harness.servers[0]!.stop();

    const result = await check();

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^realitycheck check: region region-0: /);
  });
});
