/**
 * Keeps the intent in force while its files change: polls them, reloads on
 * change, and on a failed reload keeps the last good intent and says why.
 */
import type { Logger } from '../log/logger.js';
import { IntentError } from './errors.js';
import { fingerprint, statIntentFiles } from './files.js';
import { FirstSeenTracker } from './first-seen.js';
import { loadIntent } from './load.js';
import type { Intent } from './model.js';

/** How often the files are checked unless told otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 2000;
/**
 * A writer that truncates and rewrites a file in place can be caught half
 * way; a few quick retries let it finish before a failure is declared.
 */
export const READ_ATTEMPTS = 3;
export const READ_RETRY_DELAY_MS = 100;

/** The intent in force and how the last attempt to load it went. */
export interface IntentStatus {
  intent: Intent;
  lastLoadOk: boolean;
  lastAttemptAt: number;
  lastSuccessAt: number;
  /** Why the last attempt failed; absent after a success. */
  error?: Error;
}

/** Called after every reload: `changed` on success, `failed` when the last good intent stays. */
export type IntentListener = (status: IntentStatus, outcome: 'changed' | 'failed') => void;

/** Options of IntentReloader. */
export interface IntentReloaderOptions {
  /** An intent file or a folder of them. */
  path: string;
  logger: Logger;
  pollIntervalMs?: number;
  retryDelayMs?: number;
  now?: () => number;
}

/**
 * Loads the intent at start (a failure then is fatal) and reloads it when a
 * file changes. Polling, not fs.watch: it survives atomic renames and the
 * symlink swap by which Kubernetes updates a mounted ConfigMap.
 */
export class IntentReloader {
  private current: IntentStatus | undefined;
  private lastFingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners = new Set<IntentListener>();
  private readonly firstSeen = new FirstSeenTracker();
  private readonly now: () => number;

  constructor(private readonly options: IntentReloaderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the intent and starts polling; throws IntentError when the first load fails. */
  async start(): Promise<IntentStatus> {
    const { intent, mark } = await this.loadWithRetries();
    this.lastFingerprint = mark;
    this.succeed(this.firstSeen.apply(intent));
    this.options.logger.info(
      { path: this.options.path, files: intent.files.length, workloads: intent.workloads.length },
      'intent loaded',
    );
    this.schedule();
    return this.status;
  }

  /** The intent in force and the outcome of the last attempt. */
  get status(): IntentStatus {
    if (this.current === undefined) throw new Error('IntentReloader.start() has not succeeded');
    return this.current;
  }

  /** Subscribes to reloads; returns the function that unsubscribes. */
  onUpdate(listener: IntentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the files once and reloads if they changed; the timer calls this too. */
  async poll(): Promise<void> {
    const mark = await this.currentFingerprint();
    if (mark === this.lastFingerprint) return;

    try {
      const loaded = await this.loadWithRetries();
      this.lastFingerprint = loaded.mark;
      this.succeed(this.firstSeen.apply(loaded.intent, this.now()));
      this.options.logger.info({ path: this.options.path }, 'intent reloaded');
      this.emit('changed');
    } catch (error) {
      this.lastFingerprint = mark;
      this.fail(error as Error);
      this.emit('failed');
    }
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async loadWithRetries(): Promise<{ intent: Intent; mark: string }> {
    for (let attempt = 1; ; attempt++) {
      const mark = await this.currentFingerprint();
      try {
        return { intent: await loadIntent(this.options.path, { now: this.now }), mark };
      } catch (error) {
        if (attempt >= READ_ATTEMPTS) throw error;
        await delay(this.options.retryDelayMs ?? READ_RETRY_DELAY_MS);
      }
    }
  }

  private async currentFingerprint(): Promise<string> {
    try {
      return fingerprint(await statIntentFiles(this.options.path));
    } catch (error) {
      return `unreadable: ${(error as Error).message}`;
    }
  }

  private succeed(intent: Intent): void {
    const at = this.now();
    this.current = { intent, lastLoadOk: true, lastAttemptAt: at, lastSuccessAt: at };
  }

  private fail(error: Error): void {
    const previous = this.status;
    this.current = { ...previous, lastLoadOk: false, lastAttemptAt: this.now(), error };
    const first = error instanceof IntentError ? error.problems[0] : undefined;
    this.options.logger.warn(
      {
        file: first?.file ?? this.options.path,
        line: first?.line,
        column: first?.column,
        field: first?.path,
        err: error,
      },
      'intent reload failed; keeping the last good intent',
    );
  }

  private emit(outcome: 'changed' | 'failed'): void {
    for (const listener of this.listeners) {
      try {
        listener(this.status, outcome);
      } catch (error) {
        // A listener's bug must not stop the polling of the intent.
        this.options.logger.error({ err: error }, 'intent listener failed');
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    // The exporter's server keeps the process alive; the poller alone should not.
    this.timer.unref();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
