/**
 * Renders each publication once. Every scrape of one publication gets the
 * same text, so a ratio and the counts beside it always come from the same
 * evaluation, and a scrape costs a lookup instead of a render.
 */
import type { Publication } from '../metrics/exporter-status.js';
import { renderMetrics } from '../metrics/render.js';

/** The exposition text of the current publication, rendered at most once. */
export interface MetricsCache {
  textFor(publication: Publication): Promise<string>;
}

/**
 * Keeps the text of the last publication seen, keyed by object identity: the
 * engine publishes a new object for every evaluation. Concurrent scrapes
 * share one pending render. A render that fails is forgotten, so the next
 * scrape tries again instead of serving the failure forever.
 */
export function createMetricsCache(
  render: (publication: Publication) => Promise<string> = renderMetrics,
): MetricsCache {
  let last: { publication: Publication; text: Promise<string> } | undefined;

  return {
    textFor(publication) {
      if (last !== undefined && last.publication === publication) return last.text;

      const entry = { publication, text: render(publication) };
      last = entry;
      entry.text.catch(() => {
        if (last === entry) last = undefined;
      });
      return entry.text;
    },
  };
}
