/**
 * A region watched live through its Kubernetes API: one reflector per
 * resource (and per namespace when an include list is given), their
 * projections merged into the ClusterState the engine reads.
 */
import type { KubeConfig } from '@kubernetes/client-node';

import type { Logger } from '../../log/logger.js';
import type { ClusterState, RegionObservation } from '../observations.js';
import { KubernetesApi } from './api.js';
import type { BackoffLimits } from './backoff.js';
import { kubernetesSourceName, loadKubeConfig, type ClusterAccess } from './kubeconfig.js';
import { Reflector } from './reflector.js';
import { describeError, type ReflectorStatus } from './reflector-health.js';
import { RESOURCES, resourcePath } from './resources.js';
import { namespaceFilter, watchedNamespaces, type NamespaceScope } from './scope.js';
import { regionHealthOf, stateOf, summarizeKinds, type KindSummary } from './summary.js';

/**
 * start() waits at most this long for the first lists, so that a slow or
 * unreachable API server delays neither /healthz nor the other regions;
 * the region shows as never synced until its lists complete.
 */
export const START_WAIT_MS = 15_000;

/**
 * Changes are passed on at most this often. Every change makes the
 * exporter evaluate the whole fleet (about 0.1 s at 50,000 pods); during a
 * first sync or a burst of events, evaluating on every page or event would
 * take the CPU that parsing needs. The first change of a quiet period goes
 * out at once, so a single event still reaches /metrics quickly.
 */
export const NOTIFY_INTERVAL_MS = 250;

/** Options of a KubernetesSource. */
export interface KubernetesSourceOptions {
  region: string;
  access: ClusterAccess;
  scope?: NamespaceScope;
  labelSelector?: string;
  /** Data older than this makes the region unknown; 0 disables. */
  maxStalenessMs: number;
  logger: Logger;
  /** Called after every change; cheap, so that it may run for every watch event. */
  onChange?: () => void;
  backoff?: BackoffLimits;
  watchTimeoutSeconds?: number;
  startWaitMs?: number;
  now?: () => number;
}

/** One region read from a live API server. */
export class KubernetesSource {
  private reflectors: Reflector[] = [];
  private loadError?: string;
  private state?: ClusterState;
  private dirty = true;
  private started = false;
  private lastNotify = 0;
  private notifyTimer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: KubernetesSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The source name shown to people. */
  get name(): string {
    return kubernetesSourceName(this.options.access);
  }

  /** Starts every reflector; resolves after their first lists, or after START_WAIT_MS. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    let config: KubeConfig;
    try {
      config = loadKubeConfig(this.options.access);
    } catch (error) {
      this.loadError = `cannot load the kubeconfig: ${describeError(error)}`;
      this.options.logger.error({ err: this.loadError }, 'kubernetes source cannot start');
      this.notify();
      return;
    }
    this.reflectors = this.createReflectors(new KubernetesApi(config));
    const first = Promise.all(this.reflectors.map((reflector) => reflector.start()));
    await waitAtMost(first, this.options.startWaitMs ?? START_WAIT_MS);
  }

  /** Stops every watch. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    await Promise.all(this.reflectors.map((reflector) => reflector.stop()));
  }

  /** What the source knows now. */
  observe(): RegionObservation {
    const { region, maxStalenessMs } = this.options;
    const base = { region, source: this.name, maxAgeMs: maxStalenessMs };
    if (this.loadError !== undefined) return { ...base, up: false, error: this.loadError };

    const statuses = this.reflectors.map((reflector) => reflector.status());
    const health = regionHealthOf(statuses, this.now());
    if (health.synced && (this.dirty || this.state === undefined)) {
      const blind = statuses.flatMap((status, i) =>
        status.state === 'forbidden' ? [this.reflectors[i]!.resource.bucket] : [],
      );
      this.state = stateOf(
        this.reflectors.map((r) => ({ bucket: r.resource.bucket, views: r.views })),
        new Set(blind),
      );
      this.dirty = false;
    }
    return {
      ...base,
      up: health.up,
      ...(health.lastSync !== undefined ? { lastSync: health.lastSync } : {}),
      ...(health.error !== undefined ? { error: health.error } : {}),
      ...(health.unreadable.length > 0 ? { unreadableKinds: health.unreadable } : {}),
      ...(health.synced && this.state !== undefined ? { state: this.state } : {}),
    };
  }

  /** Per-kind health and counters, for the source metrics. */
  kinds(): KindSummary[] {
    return summarizeKinds(this.reflectors.map((reflector): ReflectorStatus => reflector.status()));
  }

  private createReflectors(api: KubernetesApi): Reflector[] {
    const scope = this.options.scope ?? {};
    const inScope = namespaceFilter(scope);
    const reflectors: Reflector[] = [];
    for (const namespace of watchedNamespaces(scope)) {
      for (const resource of RESOURCES) {
        reflectors.push(
          new Reflector({
            api,
            resource,
            path: resourcePath(resource, namespace),
            ...(namespace !== undefined ? { namespace } : {}),
            ...(this.options.labelSelector !== undefined
              ? { labelSelector: this.options.labelSelector }
              : {}),
            inScope,
            logger: this.options.logger,
            onChange: () => this.changed(),
            ...(this.options.backoff !== undefined ? { backoff: this.options.backoff } : {}),
            ...(this.options.watchTimeoutSeconds !== undefined
              ? { watchTimeoutSeconds: this.options.watchTimeoutSeconds }
              : {}),
            now: this.now,
          }),
        );
      }
    }
    return reflectors;
  }

  private changed(): void {
    this.dirty = true;
    if (this.notifyTimer !== undefined) return;
    const wait = this.lastNotify + NOTIFY_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.notify();
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.notify();
    }, wait);
  }

  private notify(): void {
    this.lastNotify = Date.now();
    if (this.options.onChange === undefined) return;
    try {
      this.options.onChange();
    } catch (error) {
      this.options.logger.error({ err: error }, 'kubernetes change handler failed');
    }
  }
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
