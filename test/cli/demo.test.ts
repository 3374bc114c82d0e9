/**
 * The demo as `npm start` plays it: examples/demo/play.mjs moves the
 * snapshots through the story and runs the exporter on them. Its metrics
 * must change as the steps advance, and the player must take the exporter
 * down with it on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort, REPO, waitFor } from '../support/exporter.js';

const PLAYER = join(REPO, 'examples', 'demo', 'play.mjs');

/** The demo's eu-west rollout: 0 of 4 checkout pods new at step 0, 4 of 4 from step 4. */
const EU_WEST_RATIOS = [1, 0.75, 0.5, 0.25, 0];
const EU_WEST_CHECKOUT =
  'realitycheck_digest_mismatch_ratio{region="eu-west",namespace="shop",workload="checkout",container="app"}';

interface Player {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

describe('the demo player', () => {
  let player: Player | undefined;

  afterEach(async () => {
    if (player === undefined || player.child.exitCode !== null) return;
    // The player forwards SIGTERM to the exporter; if it hangs, end its whole
    // process group (it was started detached) so no exporter is left behind.
    player.child.kill('SIGTERM');
    const stopped = await Promise.race([
      player.exited.then(() => true),
      sleep(5_000).then(() => false),
    ]);
    if (!stopped && player.child.pid !== undefined) process.kill(-player.child.pid, 'SIGKILL');
    player = undefined;
  });

  async function play(): Promise<Player> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [PLAYER, '--listen', `127.0.0.1:${port}`, '--log-format', 'json'],
      {
        env: { ...process.env, DEMO_STEP_SECONDS: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    player = { child, url: `http://127.0.0.1:${port}`, stderr: () => stderr, exited };
    await waitFor(`${player.url}/readyz`, exited, () => stderr);
    return player;
  }

  async function sample(url: string, series: string): Promise<number | undefined> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  it('serves metrics that follow the story as the steps advance', async () => {
    const { url } = await play();

    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && seen.at(-1) !== 0) {
      const ratio = await sample(url, EU_WEST_CHECKOUT);
      if (ratio !== undefined && ratio !== seen.at(-1)) seen.push(ratio);
      await sleep(200);
    }

    // Every step of the rollout is one of the story's, in order, ending in sync;
    // start-up may take longer than the first step, so the walk may start at 0.75.
    expect(seen.at(-1)).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toBeGreaterThanOrEqual(0.75);
    expect(EU_WEST_RATIOS.filter((r) => seen.includes(r))).toEqual(seen);

    // The edge region stays on 1.13.0, two releases behind, whatever the step.
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /^realitycheck_instances\{region="edge-fra",namespace="shop",workload="checkout",container="app",digest="sha256:4882c6496658f645e2f6c39bbd1fcd83a872d835aa12ba28237df47c34415705",version="1\.13\.0",releases_behind="2"\} 3$/m,
    );
    expect(text).toContain(
      'realitycheck_findings{region="edge-fra",namespace="shop",workload="checkout",check="digest",class="stale"} 1\n',
    );
  });

  it('stops the exporter and exits 0 on SIGTERM', async () => {
    const running = await play();

    running.child.kill('SIGTERM');
    const code = await Promise.race([running.exited, sleep(5_000).then(() => 'still running')]);

    expect(code).toBe(0);
    expect(running.stderr()).toContain('"msg":"stopped"');
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
