// Plays the demo story: every step, copies each region's snapshot of that
// step (or of the latest step that changed it) into .run/snapshots, the way
// a cron job would refresh `kubectl get -o json` dumps, and runs the
// exporter on them until interrupted. The story itself is in generate.ts.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const run = join(here, '.run');
const stepSeconds = Number(process.env.DEMO_STEP_SECONDS ?? 20);
const regions = ['eu-west', 'us-east', 'ap-south', 'edge-fra'];
const steps = readdirSync(join(here, 'frames')).sort();

/** The snapshot of a region at a step: the latest frame at or before it that has one. */
function frameFile(region, step) {
  for (let i = Math.min(step, steps.length - 1); i >= 0; i--) {
    const file = join(here, 'frames', steps[i], `${region}.json`);
    if (existsSync(file)) return file;
  }
  throw new Error(`no frame has ${region}.json`);
}

/** Writes beside the target and renames over it, so a reader never sees half a file. */
function publish(step) {
  for (const region of regions) {
    const target = join(run, 'snapshots', `${region}.json`);
    copyFileSync(frameFile(region, step), `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
  }
}

mkdirSync(join(run, 'snapshots'), { recursive: true });
// A fresh copy: the release counts as made now, so the rollout grace runs from here.
copyFileSync(join(here, 'intent.yaml'), join(run, 'intent.yaml'));
let step = 0;
publish(step);
const timer = setInterval(() => {
  step += 1;
  publish(step);
}, stepSeconds * 1000);

const cli = join(here, '..', '..', 'exporter', 'dist', 'cli', 'main.js');
const exporter = spawn(
  process.execPath,
  [cli, 'serve', '--config', join(here, 'realitycheck.yaml'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => exporter.kill(signal));
exporter.on('exit', (code) => {
  clearInterval(timer);
  process.exit(code ?? 0);
});
