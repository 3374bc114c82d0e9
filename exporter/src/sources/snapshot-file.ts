/**
 * One snapshot file -> ClusterState: the output of `kubectl get ... -o json`
 * (or `-o yaml`), a typed list such as a raw `PodList`, or a single object.
 */
import { parseAllDocuments } from 'yaml';

import { fields, text, type Fields } from './fields.js';
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

/** The command whose output a snapshot is; named in errors so that users know how to fix them. */
export const KUBECTL_SNAPSHOT_COMMAND =
  'kubectl get pods,replicasets,deployments,statefulsets,daemonsets,controllerrevisions,configmaps -A -o json';

/** A snapshot that cannot be read: names the file, what is wrong and how to fix it. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';

  constructor(
    /** The file that is wrong. */
    readonly file: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${problem}`, options);
  }
}

/** What one snapshot held. */
export interface SnapshotContents {
  state: ClusterState;
  /** Items of kinds the checks do not use (ConfigMap, Service, Event, ...), counted by kind. */
  skipped: Record<string, number>;
}

/** A Kubernetes object of a snapshot with the kind and apiVersion it was listed under. */
interface SnapshotItem {
  kind: string;
  apiVersion?: string;
  object: Fields;
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

/** Kind names of the cluster state the checks read, whatever their API group. */
const STATE_KIND_NAMES: ReadonlySet<string> = new Set([
  'Pod',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ControllerRevision',
  'Job',
  'Rollout',
  'ConfigMap',
  'Secret',
  'VirtualService',
  'HTTPRoute',
]);

/**
 * A dump with objects but not one of the kinds the checks read (`kubectl
 * get nodes`, say) is the wrong dump, not an empty region: saying so beats
 * reporting every workload as not found.
 */
function refuseWrongDump(items: SnapshotItem[], file: string): void {
  if (items.length === 0 || items.some((item) => STATE_KIND_NAMES.has(item.kind))) return;
  const kinds = [...new Set(items.map((item) => item.kind))].sort();
  throw new SnapshotError(
    file,
    `holds only ${kinds.join(', ')}, none of the kinds realitycheck reads; ` +
      `expected the output of ${KUBECTL_SNAPSHOT_COMMAND}`,
  );
}

function parseJson(source: string, file: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new SnapshotError(file, `not valid JSON: ${describeJsonError(error, source)}`, {
      cause: error,
    });
  }
}

/**
 * V8's JSON errors quote a piece of the input ("... is not valid JSON"),
 * which may hold a secret from the dump, so only the reason and a position
 * are kept.
 */
function describeJsonError(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '');

  const match = /at position (\d+)/.exec(message)?.[1];
  const endOfInput = /end of JSON input/.test(message);
  const position = match !== undefined ? Number(match) : endOfInput ? source.length : undefined;
  if (position === undefined) return reason;

  // Failing at the very end means the text stopped early: a writer has not finished it.
  const cutShort = position >= source.trimEnd().length ? ' (the file is cut short)' : '';
  return `${reason} at ${lineAndColumn(source, position)}${cutShort}`;
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function parseYaml(source: string, file: string): unknown[] {
  const documents = parseAllDocuments(source);
  const list = Array.isArray(documents) ? documents : [documents];

  for (const document of list) {
    const error = document.errors[0];
    if (error !== undefined) {
      // The yaml package's message ends in a quoted excerpt of the file; keep its first line only.
      const reason = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
      throw new SnapshotError(file, `not valid JSON or YAML: ${reason}`, { cause: error });
    }
  }
  // A stray `---` at the end of a file makes an empty document: nothing to read in it.
  return list.map((document) => documentToJS(document, file)).filter((value) => value != null);
}

/**
 * Aliases are resolved only here, and the yaml package throws a plain
 * ReferenceError for one without its anchor or for an expansion past its
 * alias limit (a "billion laughs" file); either is a broken snapshot.
 */
function documentToJS(document: { toJS(): unknown }, file: string): unknown {
  try {
    return document.toJS();
  } catch (error) {
    throw new SnapshotError(
      file,
      'not valid YAML: an alias (*name) refers to no anchor, or aliases expand too far',
      { cause: error },
    );
  }
}

/** The objects of one parsed document: the items of a List, or the document itself. */
function itemsOf(document: unknown, file: string): SnapshotItem[] {
  const top = fields(document);
  const kind = text(top.kind);
  const apiVersion = text(top.apiVersion);

  if (apiVersion?.startsWith('realitycheck/') === true) {
    throw new SnapshotError(
      file,
      `this is a realitycheck ${kind ?? 'file'} (apiVersion ${apiVersion}), not cluster state; ` +
        `pass an intent with --intent; expected the output of ${KUBECTL_SNAPSHOT_COMMAND}`,
    );
  }
  if (top !== document || (kind === undefined && !('items' in top))) {
    throw new SnapshotError(
      file,
      `expected the output of ${KUBECTL_SNAPSHOT_COMMAND}: a List with items`,
    );
  }
  if ('items' in top || kind === 'List' || kind?.endsWith('List') === true) {
    return listItems(top, kind, apiVersion, file);
  }
  return [checkedItem(top, undefined, undefined, file, 'the object')];
}

function listItems(
  list: Fields,
  kind: string | undefined,
  apiVersion: string | undefined,
  file: string,
): SnapshotItem[] {
  if (!Array.isArray(list.items)) {
    throw new SnapshotError(
      file,
      `"items" is ${describeType(list.items)}, not an array; expected the output of ${KUBECTL_SNAPSHOT_COMMAND}`,
    );
  }
  // Items of a typed list (PodList from the API, not `kubectl get`) carry no kind of their own.
  const itemKind =
    kind !== undefined && kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
  const itemApiVersion = itemKind !== undefined ? apiVersion : undefined;

  return list.items.map((item: unknown, index) =>
    checkedItem(item, itemKind, itemApiVersion, file, `item ${index}`),
  );
}

function checkedItem(
  item: unknown,
  defaultKind: string | undefined,
  defaultApiVersion: string | undefined,
  file: string,
  where: string,
): SnapshotItem {
  const object = fields(item);
  if (object !== item) {
    throw new SnapshotError(file, `${where} is ${describeType(item)}, not a Kubernetes object`);
  }
  const kind = text(object.kind) ?? defaultKind;
  if (kind === undefined || kind === '') {
    throw new SnapshotError(
      file,
      `${where} has no kind; every item must be a whole object as kubectl prints it`,
    );
  }
  if (text(fields(object.metadata).name) === undefined) {
    throw new SnapshotError(
      file,
      `${where} (${kind}) has no metadata.name; every item must be a whole object as kubectl prints it`,
    );
  }
  return { kind, apiVersion: text(object.apiVersion) ?? defaultApiVersion, object };
}

function describeType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
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
