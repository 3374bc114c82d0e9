/**
 * Watch streams as the API server sends them: HTTP 200, chunked, one JSON
 * event per line (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR), ended by the
 * server after `timeoutSeconds`.
 */
import type { ServerResponse } from 'node:http';

import type { ClusterEvent, FakeCluster, KubeObject } from './cluster.js';
import { matchesSelector } from './list.js';
import { sendStatus, type Faults, type ResourceRequest } from './server.js';

/** An open watch, as the server's fault switches see it. */
export interface WatchStream {
  /** Ends the stream cleanly. */
  close(): void;
  /** Writes half an event and resets the connection. */
  drop(): void;
}

/** Answers one watch request and keeps it open. */
export function handleWatch(
  cluster: FakeCluster,
  request: ResourceRequest,
  res: ServerResponse,
  faults: Faults,
  open: Set<WatchStream>,
): void {
  const { resource, namespace, query } = request;
  const from = query.get('resourceVersion');
  const backlog =
    from === null || from === '' || from === '0'
      ? cluster.list(resource.plural, namespace).map((object): ClusterEvent => ({
          resourceVersion: 0,
          plural: resource.plural,
          type: 'ADDED',
          object,
        }))
      : cluster.eventsAfter(Number(from));

  if (backlog === undefined) {
    const message = `too old resource version: ${from} (${cluster.compactedVersion})`;
    if (faults.goneAs === 'http') return sendStatus(res, 410, 'Expired', message);
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Expired',
      code: 410,
    };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
    return;
  }

  const wanted = (event: ClusterEvent) =>
    event.plural === resource.plural &&
    (namespace === undefined || metaOf(event.object).namespace === namespace) &&
    matchesSelector(event.object, query.get('labelSelector'));
  const send = (event: ClusterEvent) => {
    if (wanted(event)) res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
  };

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  for (const event of backlog) send(event);
  cluster.events.on('event', send);

  const timers: NodeJS.Timeout[] = [];
  const stream: WatchStream = {
    close: () => res.end(),
    drop: () => {
      res.write('{"type":"MODIFIED","object":{"kind":');
      res.socket?.destroy();
    },
  };
  open.add(stream);
  const cleanup = () => {
    cluster.events.off('event', send);
    for (const timer of timers) clearTimeout(timer);
    open.delete(stream);
  };
  res.on('close', cleanup);

  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '0');
  if (timeoutSeconds > 0) timers.push(setTimeout(() => res.end(), timeoutSeconds * 1000));
  if (query.get('allowWatchBookmarks') === 'true' && faults.bookmarkIntervalMs > 0) {
    const bookmark = () => {
      const object = bookmarkObject(resource.kind, resource.apiVersion, cluster.resourceVersion);
      res.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
      timers.push(setTimeout(bookmark, faults.bookmarkIntervalMs));
    };
    timers.push(setTimeout(bookmark, faults.bookmarkIntervalMs));
  }
}

/** A bookmark names only the kind and the version the watcher has reached. */
function bookmarkObject(kind: string, apiVersion: string, version: number): KubeObject {
  return { kind, apiVersion, metadata: { resourceVersion: String(version) } };
}

function metaOf(object: KubeObject): Record<string, unknown> {
  return (object.metadata ?? {}) as Record<string, unknown>;
}
