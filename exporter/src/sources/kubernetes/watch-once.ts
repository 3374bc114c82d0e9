/**
 * One watch request, from a resourceVersion until the stream ends, with the
 * end classified: clean (the server's timeout), gone (410: relist), or an
 * error (back off, then resume).
 */
import { fields, integer, text } from '../fields.js';
import type { KubernetesApi, WatchEvent } from './api.js';

/**
 * The server ends each watch after this many seconds (client-go picks 5 to
 * 10 minutes at random). A bounded watch lets a load balancer rebalance and
 * proves the stream is alive at least this often.
 */
export const WATCH_TIMEOUT_SECONDS = 300;

/**
 * A watch that delivered nothing (not even a bookmark) for its whole
 * timeout plus this margin is stalled. client-node has no client-side
 * watch timeout, so a stream that stops without closing would otherwise be
 * trusted forever (see notes/kubernetes-client-node.md).
 */
export const WATCH_STALL_GRACE_MS = 30_000;

/** How a watch ended. */
export type WatchEnd =
  | { type: 'clean'; events: number }
  | { type: 'gone' }
  | { type: 'error'; error: unknown; code?: number };

/** What one watch needs. */
export interface WatchRequest {
  path: string;
  resourceVersion: string;
  labelSelector?: string;
  timeoutSeconds?: number;
  stallMs?: number;
  /** Called once the server answered 200: the stream is live. */
  onOpen(): void;
  /** Called for each ADDED, MODIFIED, DELETED and BOOKMARK event. */
  onEvent(event: WatchEvent): void;
  /** Set by the caller to stop the watch early; resolves the watch as clean. */
  signal: AbortSignal;
}

/** Runs one watch to its end. Never rejects. */
export function watchOnce(api: KubernetesApi, request: WatchRequest): Promise<WatchEnd> {
  const timeoutSeconds = request.timeoutSeconds ?? WATCH_TIMEOUT_SECONDS;
  const stallMs = request.stallMs ?? timeoutSeconds * 1000 + WATCH_STALL_GRACE_MS;

  return new Promise((resolve) => {
    let controller: AbortController | undefined;
    let ended = false;
    let events = 0;
    let stall: NodeJS.Timeout | undefined;

    const end = (how: WatchEnd) => {
      if (ended) return;
      ended = true;
      clearTimeout(stall);
      request.signal.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(how);
    };
    const armStall = () => {
      clearTimeout(stall);
      stall = setTimeout(() => end({ type: 'error', error: new Error('watch stalled') }), stallMs);
    };
    const onAbort = () => end({ type: 'clean', events });
    request.signal.addEventListener('abort', onAbort);
    armStall();

    const onEvent = (event: WatchEvent) => {
      if (ended) return;
      armStall();
      if (event.type === 'ERROR') return end(errorEventEnd(event.object));
      events++;
      request.onEvent(event);
    };
    const onDone = (error: unknown) => {
      if (error === null || error === undefined) return end({ type: 'clean', events });
      const code = statusCodeOf(error);
      end(code === 410 ? { type: 'gone' } : { type: 'error', error, ...codeField(code) });
    };

    const query = {
      resourceVersion: request.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds,
      labelSelector: request.labelSelector,
    };
    api.watch(request.path, query, onEvent, onDone).then(
      (started) => {
        controller = started;
        // The watch may have ended (or been stopped) before its controller arrived.
        if (ended) started.abort();
        else if (!started.signal.aborted) request.onOpen();
      },
      (error: unknown) => end({ type: 'error', error }),
    );
  });
}

/** An ERROR event carries a Status; 410 there means the same as an HTTP 410. */
function errorEventEnd(object: unknown): WatchEnd {
  const status = fields(object);
  const code = integer(status.code);
  if (code === 410) return { type: 'gone' };
  const message = text(status.message) ?? 'watch ERROR event';
  return { type: 'error', error: new Error(message), ...codeField(code) };
}

/** client-node's Watch puts the HTTP status of a refused watch in `statusCode`. */
function statusCodeOf(error: unknown): number | undefined {
  return integer(fields(error).statusCode);
}

function codeField(code: number | undefined): { code?: number } {
  return code === undefined ? {} : { code };
}
