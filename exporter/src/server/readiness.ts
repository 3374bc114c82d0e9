/** When the exporter is ready to be scraped for decisions. */
import type { Publication } from '../metrics/exporter-status.js';

/** Ready, or not with a one-line reason for /readyz. */
export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Ready once the intent has loaded and every region has synced at least
 * once. Before that, /metrics would show regions as never synced, which is
 * honest but not yet worth routing alerts on. Later outages do not make the
 * exporter unready: they are data, published as `realitycheck_source_up 0`.
 */
export function readinessOf(publication: Publication): Readiness {
  if (publication.intent.lastSuccessAt === undefined) {
    return { ready: false, reason: 'intent not loaded yet' };
  }

  const waiting = publication.evaluation.regions
    .filter((region) => region.lastSync === undefined)
    .map((region) => region.region);
  if (waiting.length > 0) {
    return { ready: false, reason: `regions not synced yet: ${waiting.join(', ')}` };
  }
  return { ready: true };
}
