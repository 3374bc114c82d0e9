/**
 * A region whose state comes from kubectl snapshots on disk, re-read when
 * they change. This is how users audit clusters the exporter cannot reach,
 * and how the demo and most tests feed the engine.
 */
import type { Logger } from '../log/logger.js';
import type { ClusterState, RegionObservation } from './observations.js';
import type { SecretProjectionOptions } from './project-configmap.js';
import { SnapshotError } from './snapshot-file.js';
import {
  readSnapshotWithRetries,
  snapshotFingerprint,
  type SnapshotRead,
} from './snapshot-read.js';

/**
 * How often the path is checked for changes. Polling rather than fs.watch:
 * a watch on a file follows its inode and goes quiet when a writer renames
 * a new file over it, which is how snapshots are usually replaced.
 */
export const DEFAULT_POLL_INTERVAL_MS = 2000;

/** Options of a SnapshotSource. */
export interface SnapshotSourceOptions {
  region: string;
  /** A snapshot file, or a folder whose `*.json`, `*.yaml` and `*.yml` files are merged. */
  path: string;
  /** Data older than this makes the region unknown; 0 disables the limit. */
  maxAgeMs: number;
  pollIntervalMs?: number;
  logger: Logger;
  /** Called after every read that changed what observe() returns. */
  onChange?: (observation: RegionObservation) => void;
  /** The installation's HMAC key for Secret hashes; without it Secrets keep change times only. */
  secretKey?: Uint8Array;
}

/** The source name shown to people for a snapshot path. */
export function snapshotSourceName(path: string): string {
  return `snapshot:${path}`;
}

/** One region read from snapshot files: reads at start, then polls for changes. */
export class SnapshotSource {
  private readonly options: SnapshotSourceOptions;
  private readonly pollIntervalMs: number;
  private state?: ClusterState;
  private lastSync?: number;
  private up = false;
  private error?: string;
  private fingerprint?: string;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private started = false;

  constructor(options: SnapshotSourceOptions) {
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!(pollIntervalMs > 0)) {
      throw new RangeError(`pollIntervalMs must be above 0, got ${pollIntervalMs}`);
    }
    this.options = options;
    this.pollIntervalMs = pollIntervalMs;
  }

  /** Reads the snapshot once, then polls; resolves after the first read, failed or not. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    await this.sync();
    this.schedule();
  }

  /** Stops polling. A read in flight finishes but schedules nothing. */
  stop(): void {
    this.stopped = true;
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** What the source knows now: health, and the last good state even while down. */
  observe(): RegionObservation {
    const { region, path, maxAgeMs } = this.options;
    const observation: RegionObservation = {
      region,
      source: snapshotSourceName(path),
      up: this.up,
      maxAgeMs,
    };
    if (this.lastSync !== undefined) observation.lastSync = this.lastSync;
    if (this.error !== undefined) observation.error = this.error;
    if (this.state !== undefined) observation.state = this.state;
    return observation;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sync().finally(() => this.schedule());
    }, this.pollIntervalMs);
    // Polling alone must not keep a one-shot command alive.
    this.timer.unref();
  }

  /** Re-reads when the files changed since the last look; a failure keeps the last good state. */
  private async sync(): Promise<void> {
    const fingerprint = await snapshotFingerprint(this.options.path);
    if (fingerprint === this.fingerprint) return;

    try {
      const read = await readSnapshotWithRetries(this.options.path, this.secretOptions());
      this.fingerprint = read.fingerprint;
      this.accept(read);
    } catch (error) {
      this.fingerprint = fingerprint;
      this.reject(error);
    }
    this.notify();
  }

  private accept(read: SnapshotRead): void {
    const { path, logger } = this.options;
    if (!this.up && this.error !== undefined) {
      logger.info({ ...this.regionField(), file: path }, 'snapshot readable again');
    }
    logger.debug(
      { ...this.regionField(), file: path, pods: read.state.pods.length, skipped: read.skipped },
      'snapshot read',
    );
    this.state = read.state;
    this.lastSync = read.lastSync;
    this.up = true;
    this.error = undefined;
  }

  private reject(error: unknown): void {
    const { path, logger } = this.options;
    const file = error instanceof SnapshotError ? error.file : path;
    const message = oneLine(error instanceof Error ? error.message : String(error));

    logger.warn(
      { ...this.regionField(), file, err: message },
      'snapshot read failed; keeping the last good state',
    );
    this.up = false;
    this.error = message;
  }

  private notify(): void {
    try {
      this.options.onChange?.(this.observe());
    } catch (error) {
      this.options.logger.error(
        { ...this.regionField(), err: error },
        'snapshot change handler failed',
      );
    }
  }

  private secretOptions(): SecretProjectionOptions {
    const { secretKey } = this.options;
    return secretKey !== undefined ? { secretKey } : {};
  }

  /** `region` for log lines, unless the logger given is a child that already carries it. */
  private regionField(): { region?: string } {
    const bound = this.options.logger.bindings() as { region?: unknown };
    return bound.region === undefined ? { region: this.options.region } : {};
  }
}

/**
 * Reads a snapshot path once, for the CLI: the same parsing and retries as
 * SnapshotSource, without polling. Never throws; a failure is an
 * observation with `up: false` and an error.
 */
export async function readSnapshot(
  path: string,
  options: { region?: string; maxAgeMs?: number; secretKey?: Uint8Array } = {},
): Promise<RegionObservation> {
  const region = options.region ?? path;
  const base = { region, source: snapshotSourceName(path), maxAgeMs: options.maxAgeMs ?? 0 };
  try {
    const secrets = options.secretKey !== undefined ? { secretKey: options.secretKey } : {};
    const read = await readSnapshotWithRetries(path, secrets);
    return { ...base, up: true, lastSync: read.lastSync, state: read.state };
  } catch (error) {
    return {
      ...base,
      up: false,
      error: oneLine(error instanceof Error ? error.message : String(error)),
    };
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
