/**
 * Facts read straight from a captured Prometheus response, so that the
 * browser test states what it expects from the data, not from the panel.
 */
import { type Capture } from './capture.js';

interface Matrix {
  data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

/** The regions of the counts query. */
export function regionsOf(capture: Capture): string[] {
  const matrix = capture.responses.A as Matrix;
  return [...new Set(matrix.data.result.map((series) => series.metric.region!))].sort();
}

/** A region's instance counts per releases_behind at the last step of the capture. */
export function lastCounts(capture: Capture, region: string): Record<string, number> {
  const matrix = capture.responses.A as Matrix;
  const lastTime = Math.max(...matrix.data.result.flatMap((s) => s.values.map(([t]) => t)));
  const counts: Record<string, number> = {};
  for (const series of matrix.data.result) {
    if (series.metric.region !== region) continue;
    const last = series.values.at(-1);
    if (last && last[0] === lastTime && Number(last[1]) > 0) {
      counts[series.metric.releases_behind!] = Number(last[1]);
    }
  }
  return counts;
}
