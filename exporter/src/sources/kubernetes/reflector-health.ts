/**
 * What a reflector tells the source and the operator: whether its data is
 * current, what went wrong, and counters of restarts, errors and relists.
 * State changes are logged once each, not once per retry.
 */
import type { Logger } from '../../log/logger.js';
import type { ResourceDefinition, WatchedKind } from './resources.js';

/** Where a reflector is in its loop. */
export type ReflectorState =
  /** The first list has not finished. */
  | 'listing'
  /** Listed; a watch is open or about to reopen. */
  | 'watching'
  /** The last list or watch failed; waiting to try again. */
  | 'failing'
  /** 403: this identity may not read the resource. */
  | 'forbidden'
  /** 404 on an optional CRD: the resource does not exist in this cluster. */
  | 'absent'
  | 'stopped';

/** A reflector's health and counters at one moment. */
export interface ReflectorStatus {
  kind: WatchedKind;
  namespace?: string;
  state: ReflectorState;
  /** A list has completed and the data has not been dropped since. */
  synced: boolean;
  /** A watch stream is open: the data is current now. */
  connected: boolean;
  /** When the data was last known current, epoch milliseconds. */
  freshAt?: number;
  error?: string;
  objects: number;
  /** Watch streams that ended, for any reason, and were reopened or relisted. */
  watchRestarts: number;
  /** Failed lists and watches that ended abnormally. */
  errors: number;
  /** Lists after the first: after 410 Gone or a lost permission. */
  relists: number;
}

/** The mutable health of one reflector. */
export class ReflectorHealth {
  /** Resolves after the first list attempt, whatever its outcome. */
  readonly firstAttempt: Promise<void>;
  private settleFirst!: () => void;
  private state: ReflectorState = 'listing';
  private synced = false;
  private connectedNow = false;
  private freshAt?: number;
  private error?: string;
  private failures = 0;
  private lists = 0;
  private counters = { watchRestarts: 0, errors: 0 };

  constructor(
    private readonly resource: ResourceDefinition,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.firstAttempt = new Promise((resolve) => (this.settleFirst = resolve));
  }

  /** A complete list arrived. */
  listed(objects: number, pages: number): void {
    this.recovered();
    this.lists++;
    this.synced = true;
    this.state = 'watching';
    this.freshAt = this.now();
    this.logger.debug({ kind: this.resource.kind, objects, pages }, 'kubernetes list complete');
    this.settleFirst();
  }

  /** A watch stream opened. */
  connected(): void {
    this.recovered();
    this.connectedNow = true;
    this.state = 'watching';
    this.freshAt = this.now();
  }

  /** An event (or bookmark) arrived. */
  event(): void {
    this.freshAt = this.now();
  }

  /** A watch ended, for any reason: the data was current until now. */
  watchEnded(): void {
    if (this.connectedNow) this.freshAt = this.now();
    this.connectedNow = false;
    this.counters.watchRestarts++;
  }

  /** 410 Gone: the next step is a relist. */
  gone(): void {
    this.logger.info(
      { kind: this.resource.kind },
      'kubernetes watch expired (410 Gone); relisting',
    );
  }

  /** A watch stream broke off; it is resumed at once, so the state stays. */
  dropped(error: string): void {
    this.counters.errors++;
    this.logger.debug(
      { kind: this.resource.kind, err: error },
      'kubernetes watch dropped; resuming',
    );
  }

  /** A list or watch failed; returns the number of failures in a row. */
  failed(error: string): number {
    this.failures++;
    this.counters.errors++;
    this.connectedNow = false;
    this.state = 'failing';
    this.error = error;
    const fields = { kind: this.resource.kind, err: error, failures: this.failures };
    if (this.failures === 1) this.logger.warn(fields, 'kubernetes list or watch failed; retrying');
    else this.logger.debug(fields, 'kubernetes list or watch failed again');
    this.settleFirst();
    return this.failures;
  }

  /** 403 or, for an optional CRD, 404: logged once per change, not per retry. */
  unreadable(code: number, error: string): void {
    const state = code === 403 ? 'forbidden' : 'absent';
    if (this.state !== state) {
      const fields = { kind: this.resource.kind, err: error };
      if (state === 'forbidden') {
        this.logger.warn(fields, 'kubernetes kind forbidden; what depends on it is unknown');
      } else this.logger.info(fields, 'kubernetes kind not served here (CRD absent); ignored');
    }
    this.state = state;
    this.synced = false;
    this.connectedNow = false;
    this.failures = 0;
    this.error = error;
    this.settleFirst();
  }

  /** The loop ended. */
  stopped(): void {
    this.state = 'stopped';
    this.connectedNow = false;
  }

  /** The status as the source reads it. */
  status(objects: number, namespace: string | undefined): ReflectorStatus {
    return {
      kind: this.resource.kind,
      ...(namespace !== undefined ? { namespace } : {}),
      state: this.state,
      synced: this.synced,
      connected: this.connectedNow,
      ...(this.freshAt !== undefined ? { freshAt: this.freshAt } : {}),
      ...(this.error !== undefined && this.state !== 'watching' ? { error: this.error } : {}),
      objects,
      watchRestarts: this.counters.watchRestarts,
      errors: this.counters.errors,
      relists: Math.max(0, this.lists - 1),
    };
  }

  private recovered(): void {
    if (this.state === 'failing' || this.state === 'forbidden' || this.state === 'absent') {
      this.logger.info({ kind: this.resource.kind, was: this.state }, 'kubernetes kind readable');
    }
    this.failures = 0;
  }
}

/** One line for logs and observations; never object content. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
