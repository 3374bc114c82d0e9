/**
 * The demo's snapshots at a step of its story, picked the way
 * examples/demo/play.mjs picks them: for each region, the latest frame at
 * or before the step (a frame is written only when a region changed).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { REPO } from '../support/exporter.js';

/** The demo's folder and its regions, as play.mjs names them. */
export const DEMO = join(REPO, 'examples', 'demo');
export const DEMO_REGIONS = ['eu-west', 'us-east', 'ap-south', 'edge-fra'] as const;

/** The snapshot file of `region` at `step`. */
export function demoFrame(region: string, step: number): string {
  const steps = readdirSync(join(DEMO, 'frames')).sort();
  for (let i = Math.min(step, steps.length - 1); i >= 0; i--) {
    const file = join(DEMO, 'frames', steps[i]!, `${region}.json`);
    if (existsSync(file)) return file;
  }
  throw new Error(`no demo frame at or before step ${step} has ${region}.json`);
}

/**
 * `serve` arguments for the demo at `step`. `--max-age 0`: the frames are
 * committed files whose age is that of the checkout, not of a cluster.
 * The intent's mtime starts the rollout grace (it has no `released` dates),
 * so a test that asserts classes passes a fresh copy, as play.mjs does.
 */
export function demoServeArgs(step: number, intent = join(DEMO, 'intent.yaml')): string[] {
  const snapshots = DEMO_REGIONS.flatMap((region) => [
    '--snapshot',
    `${region}=${demoFrame(region, step)}`,
  ]);
  return ['--intent', intent, '--max-age', '0', ...snapshots];
}
