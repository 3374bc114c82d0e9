/**
 * The standard `process_*` and `nodejs_*` metrics, kept in a registry of
 * their own because, unlike the cached publication, they must be read at
 * scrape time.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client gauges that promtool rejects ("non-counter metrics should not
 * have _total suffix"). Their per-type siblings without the suffix
 * (`nodejs_active_handles` and so on) carry the same information.
 */
const LINT_FAILING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** A registry of prom-client's default metrics, minus the ones promtool rejects. */
export function createProcessRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  for (const name of LINT_FAILING_DEFAULTS) {
    registry.removeSingleMetric(name);
  }
  return registry;
}
