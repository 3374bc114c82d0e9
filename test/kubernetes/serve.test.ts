import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { freePort, startExporter, type ExporterProcess } from '../support/exporter.js';
import { fixtureObjects, IMAGES, intentYaml, oldCheckoutPods } from './fixtures.js';
import { eventually, startHarness, type Harness } from './harness.js';

const CHECKOUT = 'region="region-0",namespace="shop",workload="checkout",container="app"';
const OLD_DIGEST = IMAGES.checkoutOld.split('@')[1]!;

async function metrics(exporter: ExporterProcess): Promise<string> {
  const response = await fetch(`${exporter.url}/metrics`);
  return response.text();
}

/** The value of the first series whose line starts with `prefix`, or undefined. */
function valueOf(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('realitycheck serve over a live (fake) Kubernetes API', () => {
  let harness: Harness;
  let exporter: ExporterProcess | undefined;

  beforeEach(async () => {
    harness = await startHarness();
    harness.servers[0]!.cluster.apply(...fixtureObjects());
  });
  afterEach(async () => {
    await exporter?.stop();
    exporter = undefined;
    await harness.close();
  });

  async function serve(extra: string[] = []): Promise<ExporterProcess> {
    const config = join(harness.dir, 'config.yaml');
    await writeFile(join(harness.dir, 'intent.yaml'), intentYaml());
    await writeFile(
      config,
      [
        'intent: ./intent.yaml',
        'regions:',
        '  - name: region-0',
        `    kubernetes: { kubeconfig: ${harness.kubeconfig}, context: region-0, maxStaleness: 2m }`,
        '',
      ].join('\n'),
    );
    exporter = await startExporter(['--config', config, ...extra], await freePort());
    return exporter;
  }

  it('syncs at start and shows the region up with its instances', async () => {
    const running = await serve(['--shard', '0/1']);

    await eventually('region up', async () =>
      (await metrics(running)).includes('realitycheck_source_up{region="region-0"} 1'),
    );
    const text = await metrics(running);
    expect(valueOf(text, `realitycheck_instances{${CHECKOUT},digest="${OLD_DIGEST}"`)).toBe(1);
    expect(text).toContain('realitycheck_source_kind_readable{region="region-0",kind="Pod"} 1');
    expect(text).toContain('realitycheck_source_objects{region="region-0",kind="Pod"} 8');
    expect(text).toContain('realitycheck_shards 1');
  });

  it('shows a change in the cluster on /metrics within a second', async () => {
    const running = await serve();
    const prefix = `realitycheck_instances{${CHECKOUT},digest="${OLD_DIGEST}"`;
    await eventually('old pod counted', async () => valueOf(await metrics(running), prefix) === 1);

    const changedAt = Date.now();
    harness.servers[0]!.cluster.delete(oldCheckoutPods(fixtureObjects())[0]!);
    await eventually(
      'old pod gone from /metrics',
      async () => valueOf(await metrics(running), prefix) === undefined,
      1_000,
    );
    expect(Date.now() - changedAt).toBeLessThan(1_000);
  });

  it('shows 403 on one kind as an unreadable kind and unknown findings for what depends on it', async () => {
    harness.servers[0]!.faults.forbidden.add('controllerrevisions');
    const running = await serve();

    await eventually('region up', async () =>
      (await metrics(running)).includes('realitycheck_source_up{region="region-0"} 1'),
    );
    const text = await metrics(running);
    expect(text).toContain(
      'realitycheck_source_kind_readable{region="region-0",kind="ControllerRevision"} 0',
    );
    const unknown = (workload: string) =>
      valueOf(
        text,
        `realitycheck_findings{region="region-0",namespace="${workload === 'agent' ? 'infra' : 'shop'}",workload="${workload}",check="source",class="unknown"}`,
      );
    expect(unknown('cart')).toBe(1);
    expect(unknown('agent')).toBe(1);
    expect(unknown('checkout')).toBeUndefined();
    expect(valueOf(text, `realitycheck_instances{${CHECKOUT},digest="${OLD_DIGEST}"`)).toBe(1);
    const logged = running
      .stderr()
      .split('\n')
      .filter((l) => l.includes('kind forbidden'));
    expect(logged).toHaveLength(1);
  });

  it('is unknown while the API server is down and in sync again when it is back', async () => {
    const running = await serve();
    const up = 'realitycheck_source_up{region="region-0"}';
    await eventually('region up', async () => valueOf(await metrics(running), up) === 1);

    await harness.servers[0]!.stop();
    await eventually('region down', async () => valueOf(await metrics(running), up) === 0);
    const down = await metrics(running);
    expect(down).toMatch(
      /realitycheck_findings\{region="region-0",[^}]*check="source",class="unknown"\} 1/,
    );
    expect(valueOf(down, `realitycheck_instances{${CHECKOUT}`)).toBeUndefined();

    await harness.servers[0]!.start();
    await eventually(
      'region up again',
      async () => valueOf(await metrics(running), up) === 1,
      10_000,
    );
    expect(valueOf(await metrics(running), `realitycheck_instances{${CHECKOUT}`)).toBeGreaterThan(
      0,
    );
  });
});
