/**
 * The intent in force, after parsing and validation: what should run where.
 *
 * The YAML shape lives in `schema.ts`; this is the normalised model the
 * engine reads, with durations in milliseconds, times in epoch
 * milliseconds and image references parsed.
 */
import type { ImageReference } from '../verify/image-reference.js';
import type { WorkloadKind } from '../sources/observations.js';

/** One container of a release: its image and every digest that identifies it. */
export interface IntendedContainer {
  /** The image reference as written in the intent. */
  image: string;
  reference: ImageReference;
  /**
   * Digests that identify this container's release: the image's own digest
   * (a manifest or an index) and its platform manifests.
   */
  digests: string[];
  /**
   * True when the intent lists `platforms` (an empty list says the image is
   * single-platform). Without it, an unknown digest of the same repository
   * may be a platform manifest, and is reported as unknown, not unexpected.
   */
  platformsListed: boolean;
}

/** One release of a workload. */
export interface IntendedRelease {
  version: string;
  /** When the release was made; converging is measured from it. */
  released?: number;
  containers: Record<string, IntendedContainer>;
  config?: string;
  env?: Record<string, string>;
  flags?: Record<string, string | number | boolean>;
}

/** A region that differs from the default on purpose. */
export interface RegionOverride {
  /** The version intended in this region, one of the workload's releases. */
  release?: string;
  /** Not verified in this region at all. */
  skip?: boolean;
  /** This region's traffic split, instead of the workload's. */
  traffic?: IntendedTraffic;
}

/** Intended traffic split between backends of a service. */
export interface IntendedTraffic {
  service: string;
  /** Relative weights by backend name, as written. */
  backends: Record<string, number>;
  /** Percentage points a share may differ from the intended one; default 5. */
  tolerance?: number;
  /** Observed traffic settles for this long after a weight change (milliseconds); default 10m. */
  settleMs?: number;
  /** When the intended weights last changed, epoch milliseconds, when the intent says. */
  changed?: number;
}

/** How the reported layer asks a workload's instances what they run. */
export interface ProbeSpec {
  port: number;
  /** HTTP path; `/version` style JSON or a Prometheus `/metrics`. */
  path: string;
  format: 'json' | 'prometheus';
  timeoutMs: number;
  /** The container the report speaks for; default the release's first container. */
  container?: string;
}

/** One workload and its release history. */
export interface IntendedWorkload {
  name: string;
  namespace: string;
  kind?: WorkloadKind;
  /** Newest first; index 0 is intended unless a region says otherwise. */
  releases: IntendedRelease[];
  regions: Record<string, RegionOverride>;
  traffic?: IntendedTraffic;
  /** Probe each ready instance for its self-report (the reported layer); off when absent. */
  probe?: ProbeSpec;
  /** A mismatch younger than this is converging (milliseconds). */
  rolloutGraceMs: number;
  /** Instances this many releases behind, or more, are stale. */
  staleAfterReleases: number;
  /** The file this workload was read from. */
  file: string;
  /**
   * When this workload's intended releases were first seen by this process,
   * by version; the fallback for `released`. Filled by the loader.
   */
  firstSeen: Record<string, number>;
}

/** Defaults that apply to every workload that does not set its own. */
export interface IntentDefaults {
  rolloutGraceMs: number;
  staleAfterReleases: number;
}

/** The whole intent in force. */
export interface Intent {
  workloads: IntendedWorkload[];
  /** Files the intent was read from. */
  files: string[];
  /** When this intent was loaded. */
  loadedAt: number;
}

/** The defaults of DESIGN.md, used when the intent sets none. */
export const DEFAULT_ROLLOUT_GRACE_MS = 15 * 60 * 1000;
export const DEFAULT_STALE_AFTER_RELEASES = 2;
