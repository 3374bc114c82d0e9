/**
 * A small two-region world for the Prometheus tests, written as kubectl
 * snapshots and an intent file: region A is stuck rolling checkout out
 * (3 of 4 pods on the intended digest), region B is fully in sync.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  daemonSetStack,
  deploymentConditions,
  deploymentStack,
  pinnedImage,
  kubectlList,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';

const image = pinnedImage;

/** The images of the fixture's releases. */
export const IMAGES = {
  checkout15: image('shop/checkout', '1.15.0'),
  checkout14: image('shop/checkout', '1.14.2'),
  agent: image('platform/node-agent', '0.9.4'),
};

/** Node-agent pods per region: one per node, all on the intended release. */
export const AGENT_PODS = 3;

/**
 * The intent. The release is dated days before the fixtures' clock, so the
 * rollout grace is long over and a stuck rollout is drift, not converging.
 */
export function intentYaml(): string {
  return `apiVersion: realitycheck/v1
kind: Intent
defaults:
  rolloutGrace: 15m
  staleAfterReleases: 2
workloads:
  - name: checkout
    namespace: shop
    kind: Deployment
    releases:
      - version: 1.15.0
        released: 2026-11-01T12:00:00Z
        containers:
          app: { image: ${IMAGES.checkout15} }
      - version: 1.14.2
        containers:
          app: { image: ${IMAGES.checkout14} }
  - name: node-agent
    namespace: platform
    kind: DaemonSet
    releases:
      - version: 0.9.4
        containers:
          app: { image: ${IMAGES.agent} }
`;
}

function nodeAgent(): KubeObject[] {
  return daemonSetStack({
    namespace: 'platform',
    name: 'node-agent',
    revisions: [{ image: IMAGES.agent }],
    podRevisions: Array.from({ length: AGENT_PODS }, () => 0),
  });
}

/**
 * A region running checkout with `behind` of its 4 pods still on 1.14.2.
 * With pods behind, the Deployment reports ProgressDeadlineExceeded: the
 * rollout is stuck, not progressing.
 */
export function regionSnapshot(behind: number): KubeObject {
  const checkout = deploymentStack({
    name: 'checkout',
    revisions: [
      { image: IMAGES.checkout14, pods: behind },
      { image: IMAGES.checkout15, pods: 4 - behind },
    ],
    ...(behind > 0 ? { deployment: { conditions: deploymentConditions.stuck('checkout') } } : {}),
  });
  return kubectlList([...checkout, ...nodeAgent()]);
}

/**
 * A region where checkout runs 1.15.0 on 3 pods and a hand-built image
 * (a digest of no release) crash-loops on the fourth, never serving.
 */
export function crashLoopingHandBuild(): KubeObject {
  const checkout = deploymentStack({
    name: 'checkout',
    revisions: [
      { image: IMAGES.checkout15, pods: 3 },
      {
        image: 'reg.example.test/dev/checkout:hotfix',
        pods: 1,
        container: { state: 'waiting', reason: 'CrashLoopBackOff', ready: false, restartCount: 3 },
      },
    ],
  });
  return kubectlList([...checkout, ...nodeAgent()]);
}

/** Writes beside the target and renames over it, as a cron'd kubectl dump would. */
export function publishSnapshot(file: string, content: KubeObject | string): void {
  const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 1)}\n`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Where writeFixture() put its files. */
export interface FixtureFiles {
  intent: string;
  regionA: string;
  regionB: string;
}

/** Writes the intent and both regions' snapshots into `dir`. */
export function writeFixture(dir: string): FixtureFiles {
  const files = {
    intent: join(dir, 'intent.yaml'),
    regionA: join(dir, 'A.json'),
    regionB: join(dir, 'B.json'),
  };
  writeFileSync(files.intent, intentYaml());
  publishSnapshot(files.regionA, regionSnapshot(1));
  publishSnapshot(files.regionB, regionSnapshot(0));
  return files;
}
