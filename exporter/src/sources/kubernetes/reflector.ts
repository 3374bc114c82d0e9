/**
 * Keeps the projections of one resource (in one namespace, or cluster-wide)
 * in step with the API server: list, then watch from the list's
 * resourceVersion, resume after every end, relist after 410 Gone.
 *
 * The store is replaced whole only when a relist has completed, so a relist
 * neither loses instances (the old views stay until the new list is in) nor
 * counts any twice (views are keyed by namespace and name).
 */
import type { Logger } from '../../log/logger.js';
import { ApiError, type KubernetesApi, type WatchEvent } from './api.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffLimits } from './backoff.js';
import type { ConfigMapView } from '../config-views.js';
import { carryContentHistory } from './content-history.js';
import { SHARED_POOL } from './intern.js';
import { identityOf, listAll, objectKey } from './list-all.js';
import type { ResourceDefinition, View } from './resources.js';
import { watchOnce, type WatchEnd } from './watch-once.js';
import { describeError, ReflectorHealth, type ReflectorStatus } from './reflector-health.js';

/**
 * A watch that ends cleanly sooner than this after it opened, having
 * delivered nothing, is treated as a failure: a server (or proxy) that
 * closes every watch at once would otherwise be asked again in a tight loop.
 */
export const MIN_CLEAN_WATCH_MS = 1_000;

/** What a reflector needs. */
export interface ReflectorOptions {
  api: KubernetesApi;
  resource: ResourceDefinition;
  path: string;
  namespace?: string;
  labelSelector?: string;
  inScope: (namespace: string) => boolean;
  logger: Logger;
  /** Called after every change of the views or of the health. */
  onChange: () => void;
  backoff?: BackoffLimits;
  watchTimeoutSeconds?: number;
  now?: () => number;
}

/** One resource's list-and-watch loop and its projected objects. */
export class Reflector {
  /** The current views, by `namespace/name`. Replaced whole on each list. */
  views = new Map<string, View>();
  readonly health: ReflectorHealth;
  private resourceVersion = '';
  private needList = true;
  private stopper = new AbortController();
  private running?: Promise<void>;
  private wake?: () => void;
  /** One abrupt watch end is resumed at once; only a second in a row counts as failing. */
  private quickRetry = true;

  constructor(private readonly options: ReflectorOptions) {
    this.health = new ReflectorHealth(options.resource, options.logger, options.now ?? Date.now);
  }

  /** Starts the loop; resolves when the first list succeeded or failed. */
  start(): Promise<void> {
    if (this.running !== undefined) return this.health.firstAttempt;
    this.stopper = new AbortController();
    this.running = this.loop();
    return this.health.firstAttempt;
  }

  /** Stops the loop and the watch in flight. */
  async stop(): Promise<void> {
    this.stopper.abort();
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** The resource this reflector watches. */
  get resource(): ResourceDefinition {
    return this.options.resource;
  }

  /** Health and counters, for the source and the metrics. */
  status(): ReflectorStatus {
    return this.health.status(this.views.size, this.options.namespace);
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (this.needList) {
        const pause = await this.list();
        if (pause > 0) await this.sleep(pause);
        continue;
      }
      const opened = Date.now();
      const end = await this.watch();
      if (this.stopped) break;
      const pause = this.afterWatch(end, Date.now() - opened);
      if (pause > 0) await this.sleep(pause);
    }
    this.health.stopped();
  }

  /** Lists every page; returns how long to wait before the next attempt (0: go on). */
  private async list(): Promise<number> {
    const { api, resource, path, labelSelector, inScope } = this.options;
    try {
      const result = await listAll(api, { resource, path, inScope, ...selector(labelSelector) });
      // A relist must not forget what the watch saw change before it.
      for (const [key, view] of result.views) {
        result.views.set(key, this.carry(this.views.get(key), view));
      }
      this.views = result.views;
      this.resourceVersion = result.resourceVersion;
      this.needList = false;
      this.health.listed(result.views.size, result.pages);
      this.options.onChange();
      return 0;
    } catch (error) {
      return this.listFailed(error);
    }
  }

  private listFailed(error: unknown): number {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    const code = error instanceof ApiError ? error.code : 0;
    if (code === 403 || (code === 404 && this.options.resource.optional)) {
      // What cannot be read must not be shown as if it were empty or current.
      this.views = new Map();
      this.health.unreadable(code, describeError(error));
      this.options.onChange();
      return code === 403 ? backoff.forbiddenRetryMs : backoff.absentRetryMs;
    }
    const failures = this.health.failed(describeError(error));
    this.options.onChange();
    return backoffDelay(backoff, failures);
  }

  private watch(): Promise<WatchEnd> {
    return watchOnce(this.options.api, {
      path: this.options.path,
      resourceVersion: this.resourceVersion,
      ...selector(this.options.labelSelector),
      ...(this.options.watchTimeoutSeconds !== undefined
        ? { timeoutSeconds: this.options.watchTimeoutSeconds }
        : {}),
      signal: this.stopper.signal,
      onOpen: () => {
        this.quickRetry = true;
        this.health.connected();
        this.options.onChange();
      },
      onEvent: (event) => this.apply(event),
    });
  }

  /** Decides what follows a watch's end; returns the pause before it. */
  private afterWatch(end: WatchEnd, lastedMs: number): number {
    this.health.watchEnded();
    if (end.type === 'gone') {
      // The version we hold was compacted away: only a new list can resume.
      this.needList = true;
      this.health.gone();
      return 0;
    }
    if (end.type === 'clean' && (end.events > 0 || lastedMs >= MIN_CLEAN_WATCH_MS)) return 0;

    const error = end.type === 'error' ? end.error : new Error('watch closed at once');
    const code = end.type === 'error' ? end.code : undefined;
    if (code === 403) this.needList = true;
    if (end.type === 'error' && code === undefined && this.quickRetry) {
      // A dropped stream (API server restart, load balancer idle cut) is
      // usually fine a moment later; resuming at once keeps the region from
      // flapping to unknown on every single drop.
      this.quickRetry = false;
      this.health.dropped(describeError(error));
      return 0;
    }
    const failures = this.health.failed(describeError(error));
    this.options.onChange();
    return backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, failures);
  }

  private apply(event: WatchEvent): void {
    const { namespace, name, resourceVersion } = identityOf(event.object);
    if (resourceVersion !== undefined && resourceVersion !== '') {
      this.resourceVersion = resourceVersion;
    }
    this.health.event();
    if (event.type === 'BOOKMARK') return;

    const key = objectKey(namespace, name);
    if (event.type === 'DELETED' || !this.options.inScope(namespace)) {
      if (!this.views.delete(key)) return;
    } else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      this.views.set(key, this.carry(this.views.get(key), this.project(event.object)));
    } else return;
    this.options.onChange();
  }

  private project(object: unknown): View {
    return SHARED_POOL.view(this.options.resource.project(object));
  }

  /** ConfigMaps carry their content history from view to view; others are replaced. */
  private carry(previous: View | undefined, next: View): View {
    if (this.options.resource.kind !== 'ConfigMap') return next;
    return carryContentHistory(
      previous as ConfigMapView | undefined,
      next as ConfigMapView,
      Date.now(),
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function selector(labelSelector: string | undefined): { labelSelector?: string } {
  return labelSelector === undefined || labelSelector === '' ? {} : { labelSelector };
}
