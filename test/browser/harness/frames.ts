/**
 * Prometheus range-query responses to data frames, shaped as Grafana's
 * Prometheus data source shapes them: one frame per series, a `Time` field
 * whose `interval` is the query step, a `Value` field carrying the labels.
 */
import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';

/** The part of a /api/v1/query_range answer that frames are made of. */
export interface MatrixResponse {
  data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

/** One frame per series of `response`, tagged with the query's refId. */
export function matrixToFrames(
  refId: string,
  response: MatrixResponse,
  stepMs: number,
): DataFrame[] {
  return response.data.result.map(({ metric, values }) => {
    // Grafana drops the metric name from the labels; aggregations have none anyway.
    const labels = { ...metric };
    delete labels.__name__;
    return toDataFrame({
      refId,
      fields: [
        {
          name: 'Time',
          type: FieldType.time,
          values: values.map(([seconds]) => Math.round(seconds * 1000)),
          config: { interval: stepMs },
        },
        {
          name: 'Value',
          type: FieldType.number,
          values: values.map(([, value]) => Number.parseFloat(value)),
          labels,
          config: {},
        },
      ],
    });
  });
}
