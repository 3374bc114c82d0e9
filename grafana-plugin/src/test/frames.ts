/**
 * Frames built the way Grafana builds them for a Prometheus range query:
 * one frame per series with a `Time` field (its `interval` is the step) and
 * a `Value` field carrying the labels; or one wide frame after a join.
 */
import {
  type DataFrame,
  FieldType,
  type Labels,
  MutableDataFrame,
  toDataFrame,
} from '@grafana/data';

/** Epoch ms of the tests' range start: 2026-11-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 10, 1);
/** The tests' query step. */
export const STEP = 60_000;

/** A series as the test states it: labels and one value per step (null: missing). */
export interface SeriesSpec {
  labels: Labels;
  values: Array<number | null>;
}

/** One frame per series, as Grafana's Prometheus data source returns a range query. */
export function promFrames(refId: string, specs: SeriesSpec[], step = STEP): DataFrame[] {
  return specs.map((spec) => {
    const kept = spec.values.flatMap((value, index) =>
      value === null ? [] : [{ at: T0 + index * step, value }],
    );
    return toDataFrame({
      refId,
      fields: [
        {
          name: 'Time',
          type: FieldType.time,
          values: kept.map((sample) => sample.at),
          config: { interval: step },
        },
        {
          name: 'Value',
          type: FieldType.number,
          values: kept.map((sample) => sample.value),
          labels: spec.labels,
          config: {},
        },
      ],
    });
  });
}

/** One wide frame: a shared time field, one numeric field per series, nulls where missing. */
export function wideFrame(refId: string, specs: SeriesSpec[], step = STEP): DataFrame {
  const length = Math.max(...specs.map((spec) => spec.values.length));
  const frame = new MutableDataFrame({ refId, fields: [] });
  frame.addField({
    name: 'Time',
    type: FieldType.time,
    values: Array.from({ length }, (_, index) => T0 + index * step),
  });
  specs.forEach((spec, index) => {
    frame.addField({
      name: `Value ${index}`,
      type: FieldType.number,
      labels: spec.labels,
      values: Array.from({ length }, (_, at) => spec.values[at] ?? null),
    });
  });
  return frame;
}

/** A frame at explicit, possibly uneven, times and with no stated interval. */
export function unevenFrame(refId: string, labels: Labels, times: number[], values: number[]) {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values, labels },
    ],
  });
}
