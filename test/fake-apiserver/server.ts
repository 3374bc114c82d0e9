/**
 * A fake Kubernetes API server on 127.0.0.1 speaking the list and watch
 * protocol that client-node uses: paginated lists with resourceVersion and
 * continue tokens, chunked watch streams of JSON lines, bookmarks, 410 Gone,
 * and the faults tests inject (403 per resource, slow answers, dropped
 * streams, the whole server down and back on the same port).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { FakeCluster, FAKE_RESOURCES, type FakeResource } from './cluster.js';
import { handleList, type ListSnapshots } from './list.js';
import { handleWatch, type WatchStream } from './watch.js';

/** Faults a test can switch on and off at any time. */
export interface Faults {
  /** Plurals answered with 403 Forbidden. */
  forbidden: Set<string>;
  /** API groups not served at all (404 with a plain-text body, as for a missing CRD). */
  absentGroups: Set<string>;
  /** Every answer waits this long first. */
  delayMs: number;
  /** How a watch from a compacted version is refused: a 200 stream with an ERROR event, or HTTP 410. */
  goneAs: 'event' | 'http';
  /** Bookmarks are sent this often to watches that allow them; 0 never. */
  bookmarkIntervalMs: number;
}

/** A request path split into its parts. */
export interface ResourceRequest {
  resource: FakeResource;
  namespace?: string;
  query: URLSearchParams;
}

/** The fake API server of one cluster. */
export class FakeApiServer {
  readonly cluster = new FakeCluster();
  readonly faults: Faults = {
    forbidden: new Set(),
    absentGroups: new Set(['argoproj.io', 'networking.istio.io', 'gateway.networking.k8s.io']),
    delayMs: 0,
    goneAs: 'event',
    bookmarkIntervalMs: 0,
  };
  /** Requests served, by `list pods`, `watch deployments`, ... */
  readonly requests = new Map<string, number>();
  readonly snapshots: ListSnapshots = new Map();
  private readonly watches = new Set<WatchStream>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private port = 0;

  /** Starts listening on 127.0.0.1 (a free port the first time, the same port after stop()). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    this.server = server;
    return this.url;
  }

  /** The base URL, e.g. http://127.0.0.1:43121. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening and cuts every connection, as a crashed API server would. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    for (const stream of this.watches) stream.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Cuts every open watch mid-stream (half an event, then a reset connection). */
  dropWatches(): number {
    const count = this.watches.size;
    for (const stream of this.watches) stream.drop();
    return count;
  }

  /** How many requests of a verb (`list`, `watch`) a resource got. */
  count(verb: 'list' | 'watch', plural: string): number {
    return this.requests.get(`${verb} ${plural}`) ?? 0;
  }

  /** Open watch streams. */
  get openWatches(): number {
    return this.watches.size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    const url = new URL(req.url ?? '/', this.url);
    const parsed = parsePath(url);
    if (parsed === undefined || this.faults.absentGroups.has(groupOf(parsed.resource))) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    const watch = url.searchParams.get('watch') === 'true';
    const verb = watch ? 'watch' : 'list';
    const key = `${verb} ${parsed.resource.plural}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);

    if (this.faults.forbidden.has(parsed.resource.plural)) {
      const message = `${parsed.resource.plural} is forbidden: User "system:serviceaccount:realitycheck:realitycheck" cannot ${verb} resource "${parsed.resource.plural}"`;
      sendStatus(res, 403, 'Forbidden', message);
      return;
    }
    if (watch) {
      handleWatch(this.cluster, parsed, res, this.faults, this.watches);
      return;
    }
    handleList(this.cluster, parsed, res, this.snapshots);
  }
}

/** `/api/v1/[namespaces/NS/]PLURAL` or `/apis/GROUP/VERSION/[namespaces/NS/]PLURAL`. */
function parsePath(url: URL): ResourceRequest | undefined {
  const parts = url.pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let apiVersion: string;
  let rest: string[];
  if (parts[0] === 'api') [apiVersion, rest] = [parts[1] ?? '', parts.slice(2)];
  else if (parts[0] === 'apis') [apiVersion, rest] = [`${parts[1]}/${parts[2]}`, parts.slice(3)];
  else return undefined;

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length === 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const resource = FAKE_RESOURCES.find((r) => r.apiVersion === apiVersion && r.plural === rest[0]);
  if (resource === undefined || rest.length !== 1) return undefined;
  return { resource, ...(namespace !== undefined ? { namespace } : {}), query: url.searchParams };
}

function groupOf(resource: FakeResource): string {
  const slash = resource.apiVersion.indexOf('/');
  return slash < 0 ? '' : resource.apiVersion.slice(0, slash);
}

/** Answers with a Status object, as the API server does for errors. */
export function sendStatus(res: ServerResponse, code: number, reason: string, message: string) {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(status));
}
