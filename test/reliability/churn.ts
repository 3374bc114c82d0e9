/**
 * A simulated day of digest churn, compressed: six workloads roll through
 * hundreds of releases, pods come and go at every step, hand-built digests
 * appear, and one workload leaves the cluster at midday. After every step
 * the exporter's /metrics is read and its series counted.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

import {
  deploymentStack,
  digest,
  kubectlList,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';
import { parseExposition } from '../hardening/support/consistency.js';

/** The shape of the day. */
export const CHURN = {
  workloads: 6,
  releasesPerWorkload: 300,
  /** One step is five minutes of the day: 288 steps. */
  steps: 288,
  /** Revisions alive at once per workload (a rollout, a stuck one, leftovers). */
  alive: 10,
  /** The per-workload digest limit of the exporter (the default). */
  digestLimit: 8,
};

const image = (w: number, r: number) =>
  `reg.example.test/shop/w${w}:${r}@${digest(`w${w} release ${r}`)}`;

/** The intent: every workload with all its releases, newest first. */
export function churnIntent(): string {
  const workloads = Array.from({ length: CHURN.workloads }, (_, w) => ({
    name: `w${w}`,
    namespace: 'shop',
    kind: 'Deployment',
    releases: Array.from({ length: CHURN.releasesPerWorkload }, (_, i) => {
      const r = CHURN.releasesPerWorkload - 1 - i;
      return { version: `${r}`, containers: { app: { image: image(w, r), platforms: [] } } };
    }),
  }));
  return stringify({ apiVersion: 'realitycheck/v1', kind: 'Intent', workloads });
}

/** The cluster at one step: each workload runs a few releases around the day's progress. */
export function churnSnapshot(step: number, random: () => number): string {
  const objects: KubeObject[] = [];
  for (let w = 0; w < CHURN.workloads; w++) {
    if (w === 0 && step >= CHURN.steps / 2) continue; // w0 is deleted at midday
    const newest = Math.floor((step / CHURN.steps) * (CHURN.releasesPerWorkload - 1));
    const revisions = Array.from({ length: CHURN.alive }, (_, k) => ({
      image: image(w, Math.max(0, newest - k)),
      pods: Math.floor(random() * 4),
    }));
    // Now and then a digest no release lists: pushed past the pipeline.
    if (random() < 0.3) {
      revisions.unshift({
        image: `reg.example.test/shop/w${w}@${digest(`hand ${step}`)}`,
        pods: 1,
      });
    }
    objects.push(...deploymentStack({ name: `w${w}`, revisions: dedupe(revisions) }));
  }
  return JSON.stringify(kubectlList(objects));
}

function dedupe<T extends { image: string }>(revisions: T[]): T[] {
  const seen = new Set<string>();
  return revisions.filter((r) => !seen.has(r.image) && seen.add(r.image) !== undefined);
}

/** Writes a file whole: a temporary name, then a rename, as careful writers do. */
export function writeWhole(path: string, text: string): void {
  const temporary = join(path, '..', `.${Date.now()}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** What one reading of /metrics says about cardinality. */
export interface SeriesReading {
  series: number;
  instanceSeries: number;
  /** Most realitycheck_instances series of one workload (rows of `other` are per releases_behind). */
  maxInstanceSeriesPerWorkload: number;
  /** Most distinct digests with their own series in one workload; the contract caps it. */
  maxDigestsPerWorkload: number;
  folded: number;
  /** Series still labelled with the workload that left at midday. */
  goneWorkloadSeries: number;
}

/** Counts the series of one /metrics answer. */
export function readSeries(text: string): SeriesReading {
  const samples = parseExposition(text).filter((s) => s.name.startsWith('realitycheck_'));
  const instances = samples.filter((s) => s.name === 'realitycheck_instances');
  const perWorkload = new Map<string, number>();
  const digests = new Map<string, Set<string>>();
  for (const s of instances) {
    const key = `${s.labels.region}/${s.labels.workload}/${s.labels.container}`;
    perWorkload.set(key, (perWorkload.get(key) ?? 0) + 1);
    const digest = s.labels.digest ?? '';
    if (digest === '' || digest === 'other') continue;
    digests.set(key, (digests.get(key) ?? new Set()).add(digest));
  }
  const folded = samples
    .filter((s) => s.name === 'realitycheck_digests_folded')
    .reduce((sum, s) => sum + s.value, 0);
  const gone = samples.filter(
    (s) => s.labels.workload === 'w0' && s.name === 'realitycheck_instances',
  ).length;
  return {
    series: samples.length,
    instanceSeries: instances.length,
    maxInstanceSeriesPerWorkload: Math.max(0, ...perWorkload.values()),
    maxDigestsPerWorkload: Math.max(0, ...[...digests.values()].map((set) => set.size)),
    folded,
    goneWorkloadSeries: gone,
  };
}
