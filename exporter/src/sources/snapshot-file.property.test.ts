/**
 * Hostile kubectl snapshots and API objects, generated. Parsing a snapshot
 * gives cluster state or a SnapshotError naming the file; projecting any
 * object never throws; the engine evaluates whatever was projected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { parseIntentText } from '../intent/load.js';
import type { Intent } from '../intent/model.js';
import { normaliseIntentFile } from '../intent/normalise.js';
import {
  absurdImage,
  binaryText,
  deeplyNested,
  hostileValue,
  mutate,
  mutations,
  propertyParameters,
  truncated,
} from '../testing/hostile.js';
import { evaluate } from '../verify/evaluate.js';
import { emptyClusterState } from './observations.js';
import { projectConfigMap, projectSecret } from './project-configmap.js';
import { projectControllerRevision } from './project-controllerrevision.js';
import { projectPod } from './project-pod.js';
import { projectReplicaSet } from './project-replicaset.js';
import { projectHttpRoute, projectVirtualService } from './project-routes.js';
import { projectWorkload } from './project-workload.js';
import { parseSnapshot, SnapshotError } from './snapshot-file.js';
import {
  configMap,
  deploymentStack,
  digest,
  httpRoute,
  kubectlList,
  secret,
  statefulSetStack,
  virtualService,
  type KubeObject,
} from './testing/index.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const IMAGE = (v: string) => `reg.example.test/shop/api:${v}@${digest(`api ${v}`)}`;

/** One object of every kind a snapshot holds, all consistent with each other. */
const OBJECTS: KubeObject[] = [
  ...deploymentStack({
    name: 'api',
    revisions: [
      { image: IMAGE('1.3'), pods: 1 },
      { image: IMAGE('1.4'), pods: 2 },
    ],
  }),
  ...statefulSetStack({
    name: 'db',
    revisions: [{ image: IMAGE('db1') }, { image: IMAGE('db2') }],
    podRevisions: [0, 1],
  }),
  virtualService({ name: 'api', rules: [{ destinations: [{ host: 'api', weight: 100 }] }] }),
  httpRoute({ name: 'api', rules: [{ destinations: [{ host: 'api-v14', weight: 90 }] }] }),
  configMap({ name: 'api-config', data: { LOG_LEVEL: 'info' } }),
  secret({ name: 'api-secret', data: { TOKEN: 'not-a-real-token' } }),
];

/** The intent the projected states are evaluated against. */
const INTENT: Intent = {
  files: ['intent.yaml'],
  loadedAt: NOW,
  workloads: [],
};

/** A kubectl list, its items mutated at random paths, as JSON or YAML. */
const hostileSnapshotText: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.tuple(mutations(8), fc.boolean()).map(([m, asYaml]) => {
      const list = mutate(kubectlList(OBJECTS), m);
      return asYaml ? stringify(list) : JSON.stringify(list);
    }),
    weight: 6,
  },
  { arbitrary: truncated(JSON.stringify(kubectlList(OBJECTS))), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 1 },
  { arbitrary: binaryText, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 1 },
);

/** An object of one kind, mutated: missing status, null containerStatuses, absurd images, ... */
const hostileObject: fc.Arbitrary<KubeObject> = fc
  .tuple(fc.constantFrom(...OBJECTS), mutations(8), absurdImage)
  .map(([object, m, image]) => {
    const mutated = mutate(object, m);
    // Aim some changes where they hurt most: images and container statuses.
    const status = mutated.status as Record<string, unknown> | undefined;
    if (typeof status === 'object' && status !== null && m.length % 3 === 0)
      status.containerStatuses = null;
    if (m.length % 4 === 1)
      return JSON.parse(
        JSON.stringify(mutated).replaceAll(IMAGE('1.4'), JSON.stringify(image).slice(1, -1)),
      );
    return mutated;
  });

describe('hostile snapshots', () => {
  it('parse into cluster state or throw a SnapshotError naming the file', () => {
    fc.assert(
      fc.property(hostileSnapshotText, (text) => {
        let state;
        try {
          state = parseSnapshot(text, '/snapshots/eu.json').state;
        } catch (error) {
          expect(error).toBeInstanceOf(SnapshotError);
          expect((error as Error).message).toContain('/snapshots/eu.json');
          return;
        }
        evaluateState(state);
      }),
      propertyParameters(),
    );
  });
});

describe('hostile API objects', () => {
  it('project without throwing, and the engine evaluates what was projected', () => {
    fc.assert(
      fc.property(fc.array(hostileObject, { maxLength: 6 }), hostileValue, (objects, junk) => {
        const state = { ...emptyClusterState(), configMaps: [], secrets: [] } as ReturnType<
          typeof emptyClusterState
        > & { configMaps: unknown[]; secrets: unknown[] };
        for (const object of [...objects, junk as KubeObject]) projectAll(object, state);
        evaluateState(state);
      }),
      propertyParameters(),
    );
  });
});

/** Projects an object as every kind, as a confused source might. */
function projectAll(object: unknown, state: ReturnType<typeof emptyClusterState>): void {
  state.pods.push(projectPod(object));
  state.replicaSets.push(projectReplicaSet(object));
  state.controllerRevisions.push(projectControllerRevision(object));
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout'] as const) {
    state.workloads.push(projectWorkload(kind, object));
  }
  state.routes?.push(projectVirtualService(object), projectHttpRoute(object));
  state.configMaps?.push(projectConfigMap(object));
  state.secrets?.push(projectSecret(object, { secretKey: new Uint8Array(32) }));
}

/** Evaluates a state against an intent naming its workloads; the engine must not throw. */
function evaluateState(state: ReturnType<typeof emptyClusterState>): void {
  const intent: Intent = { ...INTENT, workloads: INTENDED };
  const region = { region: 'eu', source: 'snapshot:x', up: true, lastSync: NOW, maxAgeMs: 0 };
  const evaluation = evaluate({ intent, regions: [{ ...region, state }], now: NOW });
  expect(Array.isArray(evaluation.findings)).toBe(true);
}

/** api and db as the intent file would give them, through the real loader's model. */
function intended(): Intent['workloads'] {
  const release = (v: string) => ({ version: v, containers: { app: { image: IMAGE(v) } } });
  const text = stringify({
    apiVersion: 'realitycheck/v1',
    kind: 'Intent',
    workloads: [
      {
        name: 'api',
        namespace: 'shop',
        releases: [release('1.4'), release('1.3')],
        traffic: { service: 'api', backends: { 'api-v14': 90, api: 10 } },
      },
      { name: 'db', namespace: 'shop', kind: 'StatefulSet', releases: [release('db2')] },
    ],
  });
  const parsed = parseIntentText(text, 'intent.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return normaliseIntentFile(parsed.value, 'intent.yaml', NOW);
}
const INTENDED = intended();
