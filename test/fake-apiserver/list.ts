/**
 * Lists as the API server answers them: a consistent snapshot, served in
 * pages of `limit` with an opaque continue token, items without kind and
 * apiVersion, and 410 Expired for a continue token the server forgot.
 */
import type { ServerResponse } from 'node:http';

import type { FakeCluster, KubeObject } from './cluster.js';
import { sendStatus, type ResourceRequest } from './server.js';

/** Snapshots of lists in progress, by id; clearing it expires every continue token. */
export type ListSnapshots = Map<string, { resourceVersion: number; items: KubeObject[] }>;

let nextSnapshot = 1;

/** Whether an object's labels match a selector of `k=v`, `k==v`, `k!=v` and `k` terms. */
export function matchesSelector(object: KubeObject, selector: string | null): boolean {
  if (selector === null || selector === '') return true;
  const labels = ((object.metadata as Record<string, unknown>)?.labels ?? {}) as Record<
    string,
    string
  >;
  return selector.split(',').every((term) => {
    const [key, value] = term.split(/!=|==|=/).map((part) => part.trim());
    if (key === undefined) return true;
    if (term.includes('!=')) return labels[key] !== value;
    if (value !== undefined) return labels[key] === value;
    return key in labels;
  });
}

/** Answers one list request. */
export function handleList(
  cluster: FakeCluster,
  request: ResourceRequest,
  res: ServerResponse,
  snapshots: ListSnapshots,
): void {
  const { resource, namespace, query } = request;
  const limit = Number(query.get('limit') ?? '0');
  const token = query.get('continue');

  let snapshot;
  let offset = 0;
  if (token !== null && token !== '') {
    const [id, at] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    snapshot = snapshots.get(id ?? '');
    offset = Number(at);
    if (snapshot === undefined || snapshot.resourceVersion < cluster.compactedVersion) {
      const message =
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';
      sendStatus(res, 410, 'Expired', message);
      return;
    }
  } else {
    const items = cluster
      .list(resource.plural, namespace)
      .filter((o) => matchesSelector(o, query.get('labelSelector')));
    snapshot = { resourceVersion: cluster.resourceVersion, items };
  }

  const end = limit > 0 ? Math.min(offset + limit, snapshot.items.length) : snapshot.items.length;
  const metadata: Record<string, unknown> = { resourceVersion: String(snapshot.resourceVersion) };
  if (end < snapshot.items.length) {
    const snapshotId = token !== null && token !== '' ? decodeId(token) : String(nextSnapshot++);
    snapshots.set(snapshotId, snapshot);
    metadata.continue = Buffer.from(`${snapshotId}:${end}`).toString('base64url');
    metadata.remainingItemCount = snapshot.items.length - end;
  }
  const items = snapshot.items.slice(offset, end).map(withoutTypeMeta);
  const body = { kind: `${resource.kind}List`, apiVersion: resource.apiVersion, metadata, items };
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function decodeId(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8').split(':')[0] ?? '';
}

/** List items carry no kind or apiVersion of their own; the list says what they are. */
function withoutTypeMeta(object: KubeObject): KubeObject {
  const rest = { ...object };
  delete rest.kind;
  delete rest.apiVersion;
  return rest;
}
