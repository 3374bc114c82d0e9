/**
 * Scenarios for the CLI tests: an intent for one workload (shop/api, three
 * releases) and kubectl snapshots of the states a user meets, written into
 * a temporary folder that is removed after each test.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

import {
  deploymentConditions,
  deploymentStack,
  digest,
  kubectlList,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';

/** The image of a release of shop/api, pinned by digest as the intent wants it. */
export function apiImage(version: string): string {
  return `reg.example.test/shop/api:${version}@${digest(`api ${version}`)}`;
}

/** An image that no release lists: built by hand and pushed past the pipeline. */
export const HAND_BUILT_IMAGE = `reg.example.test/shop/api@${digest('api built by hand')}`;

/**
 * The intent: shop/api with releases 1.4 (intended), 1.3 and 1.2. `platforms: []`
 * says the images are single-platform, so that an unknown digest is unexpected
 * rather than a possible platform manifest. `extra` is appended to the workload.
 */
export function intentYaml(extra = ''): string {
  const release = (version: string) =>
    [
      `      - version: "${version}"`,
      '        containers:',
      `          app: { image: ${apiImage(version)}, platforms: [] }`,
    ].join('\n');
  return [
    'apiVersion: realitycheck/v1',
    'kind: Intent',
    'workloads:',
    '  - name: api',
    '    namespace: shop',
    '    kind: Deployment',
    '    releases:',
    release('1.4'),
    release('1.3'),
    release('1.2'),
    extra,
  ].join('\n');
}

/** A second workload for an intent file, to show that a reload was picked up. */
export const WEB_WORKLOAD = [
  '  - name: web',
  '    namespace: shop',
  '    releases:',
  '      - version: "3.0"',
  '        containers:',
  `          app: { image: reg.example.test/shop/web:3.0@${digest('web 3.0')}, platforms: [] }`,
].join('\n');

function listJson(objects: KubeObject[]): string {
  return `${JSON.stringify(kubectlList(objects), null, 2)}\n`;
}

/** kubectl snapshots of shop/api in the situations the tests need. */
export const snapshots = {
  /** Both pods on the intended 1.4. */
  inSync: () =>
    listJson(deploymentStack({ name: 'api', revisions: [{ image: apiImage('1.4'), pods: 2 }] })),
  /** A rollout under way: one pod on 1.3, one on 1.4. */
  converging: () =>
    listJson(
      deploymentStack({
        name: 'api',
        revisions: [
          { image: apiImage('1.3'), pods: 1 },
          { image: apiImage('1.4'), pods: 1 },
        ],
      }),
    ),
  /** Declares and runs 1.2, two releases behind. */
  stale: () =>
    listJson(deploymentStack({ name: 'api', revisions: [{ image: apiImage('1.2'), pods: 2 }] })),
  /** One pod on a digest of no release. */
  unexpected: () =>
    listJson(
      deploymentStack({
        name: 'api',
        revisions: [
          { image: apiImage('1.4'), pods: 1 },
          { image: HAND_BUILT_IMAGE, pods: 1 },
        ],
      }),
    ),
  /** The 1.4 pod crash-loops and the Deployment reports ProgressDeadlineExceeded. */
  stuck: () =>
    listJson(
      deploymentStack({
        name: 'api',
        revisions: [
          { image: apiImage('1.3'), pods: 2 },
          {
            image: apiImage('1.4'),
            pods: 1,
            container: {
              state: 'waiting',
              reason: 'CrashLoopBackOff',
              ready: false,
              restartCount: 5,
            },
          },
        ],
        deployment: { conditions: deploymentConditions.stuck('api') },
      }),
    ),
  /** `kubectl get ... -o json` in a cluster without any of those objects. */
  empty: () => listJson([]),
};

/** A fresh temporary folder per test, removed afterwards even when the test fails. */
export function useScenarioDir(): () => string {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    dir ??= mkdtempSync(join(tmpdir(), 'realitycheck-cli-'));
    return dir;
  };
}

/** Writes `files` (name -> text) into `dir`; returns the absolute path of each. */
export function writeFiles(dir: string, files: Record<string, string>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    paths[name] = path;
  }
  return paths;
}

/** Sets a file's modification time, which the exporter reads as when its data was fresh. */
export function setModified(path: string, epochMs: number): void {
  const seconds = epochMs / 1000;
  utimesSync(path, seconds, seconds);
}
