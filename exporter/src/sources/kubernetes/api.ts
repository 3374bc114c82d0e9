/**
 * The two calls the source makes against an API server: one page of a list,
 * and a watch. Both go through @kubernetes/client-node's KubeConfig (so
 * every auth method it supports works); lists are read with a plain request
 * so that a page is parsed once and never turned into model objects.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { Watch, type KubeConfig } from '@kubernetes/client-node';

import { fields, text } from '../fields.js';

/**
 * A list request that takes longer than this is abandoned. A page of 500
 * pods is a few megabytes; a minute covers a slow API server under load.
 */
export const LIST_TIMEOUT_MS = 60_000;

/** An answer other than 200 from the API server, or a failure to reach it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
    readonly code: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One page of a list: the raw items, the collection's resourceVersion and the continue token. */
export interface ListPage {
  items: unknown[];
  resourceVersion: string;
  continueToken?: string;
}

/** One event of a watch stream. */
export interface WatchEvent {
  type: string;
  object: unknown;
}

/** Query parameters of a list or watch. */
export type Query = Record<string, string | number | boolean | undefined>;

/** Lists and watches through one KubeConfig (one cluster and user). */
export class KubernetesApi {
  private readonly watcher: Watch;

  constructor(private readonly config: KubeConfig) {
    this.watcher = new Watch(config);
  }

  /** The API server's address, for people. */
  get server(): string {
    return this.config.getCurrentCluster()?.server ?? '(no cluster)';
  }

  /** Reads one page of a list; throws ApiError. */
  async listPage(path: string, query: Query): Promise<ListPage> {
    const body = await this.get(path, query);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new ApiError(`list ${path}: the answer is not JSON`, 200, { cause: error });
    }
    const list = fields(parsed);
    const metadata = fields(list.metadata);
    const continueToken = text(metadata.continue);
    return {
      items: Array.isArray(list.items) ? list.items : [],
      resourceVersion: text(metadata.resourceVersion) ?? '',
      ...(continueToken !== undefined && continueToken !== '' ? { continueToken } : {}),
    };
  }

  /**
   * Starts a watch. `onEvent` gets every parsed event; `onDone` is called
   * once, with null for a clean end and an error (with `statusCode` for a
   * non-200 answer) otherwise. Resolves with the controller that stops it.
   */
  async watch(
    path: string,
    query: Query,
    onEvent: (event: WatchEvent) => void,
    onDone: (error: unknown) => void,
  ): Promise<AbortController> {
    return this.watcher.watch(
      path,
      query,
      (type: string, object: unknown) => onEvent({ type, object }),
      onDone,
    );
  }

  private async get(path: string, query: Query): Promise<string> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const options: RequestOptions & { headers: Record<string, string> } = {
      headers: { Accept: 'application/json' },
    };
    // TODO(sources): applyToHTTPSOptions makes a new agent per call, without
    // keep-alive, so each list page opens its own connection (a TLS handshake
    // per page on a real cluster). Reusing one keep-alive agent per cluster
    // needs client-node's agent options, which it does not expose.
    await this.config.applyToHTTPSOptions(options);
    return send(url, options);
  }
}

function send(url: URL, options: RequestOptions): Promise<string> {
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, method: 'GET', timeout: LIST_TIMEOUT_MS }, (res) => {
      readBody(res).then((body) => {
        if (res.statusCode === 200) resolve(body);
        else
          reject(new ApiError(statusMessage(url, res.statusCode ?? 0, body), res.statusCode ?? 0));
      }, reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${LIST_TIMEOUT_MS} ms`)));
    req.on('error', (error) =>
      reject(new ApiError(`GET ${url.pathname}: ${error.message}`, 0, { cause: error })),
    );
    req.end();
  });
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/**
 * A Status object's message when the body is one; a missing CRD answers 404
 * with plain text instead (see notes/kubernetes-client-node.md), which is
 * not quoted because it is not ours to trust.
 */
function statusMessage(url: URL, code: number, body: string): string {
  let message: string | undefined;
  try {
    message = text(fields(JSON.parse(body)).message);
  } catch {
    message = undefined;
  }
  return `GET ${url.pathname}: ${code}${message !== undefined ? ` ${message}` : ''}`;
}
