/**
 * The objects of a parsed snapshot: the items of a List (or a typed list,
 * or a single object), each checked to be a whole Kubernetes object, and a
 * dump of the wrong resources refused.
 */
import { fields, text, type Fields } from './fields.js';
import { KUBECTL_SNAPSHOT_COMMAND, SnapshotError } from './snapshot-error.js';

/** A Kubernetes object of a snapshot with the kind and apiVersion it was listed under. */
export interface SnapshotItem {
  kind: string;
  apiVersion?: string;
  object: Fields;
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
export function refuseWrongDump(items: SnapshotItem[], file: string): void {
  if (items.length === 0 || items.some((item) => STATE_KIND_NAMES.has(item.kind))) return;
  const kinds = [...new Set(items.map((item) => item.kind))].sort();
  throw new SnapshotError(
    file,
    `holds only ${kinds.join(', ')}, none of the kinds realitycheck reads; ` +
      `expected the output of ${KUBECTL_SNAPSHOT_COMMAND}`,
  );
}

/** The objects of one parsed document: the items of a List, or the document itself. */
export function itemsOf(document: unknown, file: string): SnapshotItem[] {
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
