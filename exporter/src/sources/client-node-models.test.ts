// The live source will hand the projections client-node model instances
// (from list responses): typed classes with Date timestamps and no kind.
// These tests turn fixtures into such models with client-node's own
// deserializer and expect the same views as from the plain JSON.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { describe, expect, it } from 'vitest';

import { projectControllerRevision } from './project-controllerrevision.js';
import { projectPod } from './project-pod.js';
import { projectReplicaSet } from './project-replicaset.js';
import { projectWorkload } from './project-workload.js';
import {
  daemonSetStack,
  deploymentConditions,
  deploymentStack,
  istioInit,
  istioProxy,
  statefulSetStack,
  type KubeObject,
} from './testing/index.js';

const R = 'reg.example.test/shop/api';

/** What an informer's list gives: a typed model without kind and apiVersion. */
function asModel(object: KubeObject): unknown {
  const model = ObjectSerializer.deserialize(object, `V1${String(object.kind)}`, '') as Record<
    string,
    unknown
  >;
  delete model.kind;
  delete model.apiVersion;
  return model;
}

const objects = [
  ...deploymentStack({
    name: 'api',
    revisions: [
      {
        image: `${R}:1.3`,
        pods: 1,
        container: { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3 },
      },
      {
        containers: [{ name: 'app', image: `${R}:1.4` }, istioProxy()],
        initContainers: [istioInit()],
        pods: 2,
      },
    ],
    deployment: { conditions: deploymentConditions.stuck(), generation: 4, observedGeneration: 3 },
  }),
  ...statefulSetStack({
    name: 'db',
    revisions: [{ image: `${R}-db:1` }, { image: `${R}-db:2` }],
    podRevisions: [0, 0, 1],
    statefulSet: { partition: 2 },
  }),
  ...daemonSetStack({
    name: 'agent',
    revisions: [{ image: `${R}-agent:1` }],
    podRevisions: [0, 0],
  }),
];

const PROJECTIONS: Record<string, (object: unknown) => unknown> = {
  Pod: projectPod,
  ReplicaSet: projectReplicaSet,
  ControllerRevision: projectControllerRevision,
  Deployment: (object) => projectWorkload('Deployment', object),
  StatefulSet: (object) => projectWorkload('StatefulSet', object),
  DaemonSet: (object) => projectWorkload('DaemonSet', object),
};

describe('projections of client-node models', () => {
  it.each(
    objects.map((object) => [
      `${String(object.kind)} ${JSON.stringify(fieldsOf(object).name)}`,
      object,
    ]),
  )('project a %s model like its plain JSON', (_title, object) => {
    const project = PROJECTIONS[String(object.kind)];
    if (project === undefined) throw new Error(`no projection for ${String(object.kind)}`);

    const model = asModel(object);
    expect(JSON.stringify(model)).toContain('"creationTimestamp":"2026-11-30T12:00:00.000Z"');
    expect(project(model)).toEqual(project(object));
  });
});

function fieldsOf(object: KubeObject): Record<string, unknown> {
  return object.metadata as Record<string, unknown>;
}
