/**
 * One snapshot file -> ClusterState: the output of `kubectl get ... -o json`
 * (or `-o yaml`), a typed list such as a raw `PodList`, or a single object.
 */
import { emptyClusterState, type ClusterState } from './observations.js';
import {
  projectConfigMap,
  projectSecret,
  type SecretProjectionOptions,
} from './project-configmap.js';
import { projectControllerRevision } from './project-controllerrevision.js';
import { projectPod } from './project-pod.js';
import { projectReplicaSet } from './project-replicaset.js';
import { projectRoute, routeKindOf } from './project-routes.js';
import { apiGroupOf, projectWorkload, workloadKindOf } from './project-workload.js';
import { KUBECTL_SNAPSHOT_COMMAND, SnapshotError } from './snapshot-error.js';
import { itemsOf, refuseWrongDump, type SnapshotItem } from './snapshot-items.js';
import { parseJson, parseYaml } from './snapshot-text.js';

export { KUBECTL_SNAPSHOT_COMMAND, SnapshotError } from './snapshot-error.js';

/** What one snapshot held. */
export interface SnapshotContents {
  state: ClusterState;
  /** Items of kinds the checks do not use (ConfigMap, Service, Event, ...), counted by kind. */
  skipped: Record<string, number>;
}

/**
 * Parses a snapshot's text; `file` names it in errors. JSON is recognised by
 * its first character and parsed natively, because a large cluster's dump is
 * hundreds of megabytes and a YAML parser is many times slower on it.
 */
export function parseSnapshot(
  source: string,
  file: string,
  options: SecretProjectionOptions = {},
): SnapshotContents {
  const trimmed = source.trimStart();
  if (trimmed === '') {
    throw new SnapshotError(
      file,
      `the file is empty; expected the output of ${KUBECTL_SNAPSHOT_COMMAND}`,
    );
  }

  const documents =
    trimmed.startsWith('{') || trimmed.startsWith('[')
      ? [parseJson(source, file)]
      : parseYaml(source, file);
  const items = documents.flatMap((document) => itemsOf(document, file));
  refuseWrongDump(items, file);
  return projectItems(items, options);
}

/** API groups of the kinds other than workloads that the checks read. */
const CORE_GROUPS: Record<string, readonly string[]> = {
  Pod: [''],
  ReplicaSet: ['apps', 'extensions'],
  ControllerRevision: ['apps'],
  ConfigMap: [''],
  Secret: [''],
};

function projectItems(items: SnapshotItem[], options: SecretProjectionOptions): SnapshotContents {
  const state: ClusterState = { ...emptyClusterState(), configMaps: [], secrets: [] };
  const skipped: Record<string, number> = {};

  for (const { kind, apiVersion, object } of items) {
    const workloadKind = workloadKindOf(kind, apiVersion);
    const routeKind = routeKindOf(kind, apiVersion);
    const groups = Object.hasOwn(CORE_GROUPS, kind) ? CORE_GROUPS[kind] : undefined;
    const known =
      groups !== undefined && (apiVersion === undefined || groups.includes(apiGroupOf(apiVersion)));

    if (workloadKind !== undefined) state.workloads.push(projectWorkload(workloadKind, object));
    else if (routeKind !== undefined) state.routes?.push(projectRoute(routeKind, object));
    else if (known && kind === 'Pod') state.pods.push(projectPod(object));
    else if (known && kind === 'ReplicaSet') state.replicaSets.push(projectReplicaSet(object));
    else if (known && kind === 'ControllerRevision') {
      state.controllerRevisions.push(projectControllerRevision(object));
    } else if (known && kind === 'ConfigMap') state.configMaps?.push(projectConfigMap(object));
    else if (known && kind === 'Secret') state.secrets?.push(projectSecret(object, options));
    else skipped[kind] = (skipped[kind] ?? 0) + 1;
  }
  return { state, skipped };
}

/**
 * Merges the snapshots of a folder, in the order given. An object that
 * appears in two files (a full dump beside a newer dump of pods) is taken
 * from the later file, so that it is counted once.
 */
export function mergeSnapshots(snapshots: SnapshotContents[]): SnapshotContents {
  const skipped: Record<string, number> = {};
  for (const snapshot of snapshots) {
    for (const [kind, n] of Object.entries(snapshot.skipped))
      skipped[kind] = (skipped[kind] ?? 0) + n;
  }

  const states = snapshots.map((snapshot) => snapshot.state);
  const byName = (view: { namespace: string; name: string }) => `${view.namespace}/${view.name}`;
  return {
    state: {
      pods: lastOfEach(
        states.flatMap((s) => s.pods),
        byName,
      ),
      replicaSets: lastOfEach(
        states.flatMap((s) => s.replicaSets),
        byName,
      ),
      controllerRevisions: lastOfEach(
        states.flatMap((s) => s.controllerRevisions),
        byName,
      ),
      workloads: lastOfEach(
        states.flatMap((s) => s.workloads),
        (w) => `${w.kind}/${byName(w)}`,
      ),
      routes: lastOfEach(
        states.flatMap((s) => s.routes ?? []),
        (r) => `${r.kind}/${byName(r)}`,
      ),
      configMaps: lastOfEach(
        states.flatMap((s) => s.configMaps ?? []),
        byName,
      ),
      secrets: lastOfEach(
        states.flatMap((s) => s.secrets ?? []),
        byName,
      ),
    },
    skipped,
  };
}

function lastOfEach<T>(views: T[], key: (view: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const view of views) {
    byKey.set(key(view), view);
  }
  return [...byKey.values()];
}
