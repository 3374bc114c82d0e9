/**
 * Synthetic frames for the drawing benchmark: `rows` regions with one
 * series per category and `samples` samples each, with excursions scattered
 * so that cells differ (a uniform map would merge into a few rectangles).
 */
import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';

const CATEGORIES = ['0', '1', '2', 'unexpected'];

/** Frames for a rows x samples benchmark, one sample per `stepMs` from `fromMs`. */
export function benchmarkFrames(
  rows: number,
  samples: number,
  fromMs: number,
  stepMs: number,
): DataFrame[] {
  const times = Array.from({ length: samples }, (_, index) => fromMs + index * stepMs);
  const frames: DataFrame[] = [];
  for (let row = 0; row < rows; row++) {
    for (const [rank, category] of CATEGORIES.entries()) {
      // A cheap deterministic pattern: every category shows up somewhere in every row.
      const values = times.map((_, index) =>
        rank === 0 ? 10 : (index * 7 + row * 13 + rank * 5) % 23 < 3 ? rank : 0,
      );
      frames.push(
        toDataFrame({
          refId: 'A',
          fields: [
            { name: 'Time', type: FieldType.time, values: times, config: { interval: stepMs } },
            {
              name: 'Value',
              type: FieldType.number,
              values,
              labels: { region: `region-${row}`, releases_behind: category },
            },
          ],
        }),
      );
    }
  }
  return frames;
}
