/**
 * Region names in the intent that no configured region has. With one
 * exporter per cluster that is normal (the intent names every region, the
 * exporter watches one), so it is no finding; but a typo (`edge-fr`) would
 * silently leave a region on the default release, so start-up and every
 * reload say which names this exporter does not verify.
 */
import type { Intent } from '../intent/model.js';
import type { Logger } from '../log/logger.js';

/** Region names the intent uses that are not among `configured`, sorted. */
export function unconfiguredIntentRegions(intent: Intent, configured: readonly string[]): string[] {
  const known = new Set(configured);
  const named = intent.workloads.flatMap((workload) => Object.keys(workload.regions));
  return [...new Set(named.filter((region) => !known.has(region)))].sort();
}

/** Logs, at info, the intent's region names that this exporter does not verify. */
export function logUnconfiguredRegions(
  intent: Intent,
  configured: readonly string[],
  logger: Logger,
): void {
  const regions = unconfiguredIntentRegions(intent, configured);
  if (regions.length === 0) return;
  logger.info(
    { regions, configured },
    'intent names regions not verified here (normal with one exporter per cluster; check typos)',
  );
}
