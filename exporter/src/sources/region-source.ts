/**
 * What the runtime needs of a region's source, whatever reads it: a
 * snapshot poller or a live Kubernetes watch.
 */
import type { KindSummary } from './kubernetes/summary.js';
import type { RegionObservation } from './observations.js';

/** A started or startable source of one region. */
export interface RegionSource {
  /** Resolves after the first read (or attempt); never rejects for a failed read. */
  start(): Promise<void>;
  stop(): void | Promise<void>;
  /** Health and the last good state, now. */
  observe(): RegionObservation;
  /** Per-kind health of a live source; absent for snapshots. */
  kinds?(): KindSummary[];
}
