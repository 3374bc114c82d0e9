/**
 * When each release version of each workload was first seen by this
 * process: the fallback for `released` when the intent does not say.
 */
import type { Intent } from './model.js';
import { workloadKey } from './normalise.js';

/** Remembers first-seen times per workload and version across reloads. */
export class FirstSeenTracker {
  private readonly seen = new Map<string, Map<string, number>>();

  /**
   * Fills `firstSeen` of every workload: a version already known keeps its
   * time, a new one gets `at`, or without `at` the time the loader gave it
   * (the newest file's mtime, right for the first load). Versions gone from
   * the intent are forgotten, so a version that comes back counts as new.
   */
  apply(intent: Intent, at?: number): Intent {
    const next = new Map<string, Map<string, number>>();
    const workloads = intent.workloads.map((workload) => {
      const key = workloadKey(workload);
      const known = this.seen.get(key);
      const versions = new Map<string, number>();
      for (const release of workload.releases) {
        const loaded = workload.firstSeen[release.version] as number;
        versions.set(release.version, known?.get(release.version) ?? at ?? loaded);
      }
      next.set(key, versions);
      return { ...workload, firstSeen: Object.fromEntries(versions) };
    });

    this.seen.clear();
    for (const [key, versions] of next) this.seen.set(key, versions);
    return { ...intent, workloads };
  }
}
