/**
 * Flattens the frames Grafana hands a panel into plain series. Prometheus
 * range queries arrive either as one frame per series (the usual shape) or,
 * after a join or from some data sources, as one wide frame with a shared
 * time field and one numeric field per series; both become the same list.
 */
import { type DataFrame, type Field, FieldType, type Labels } from '@grafana/data';

/** One numeric series: its labels and its samples, times ascending. */
export interface Series {
  refId: string;
  /** A readable name: the data source's display name, else the field name. */
  name: string;
  labels: Labels;
  times: number[];
  /** Counts; null where the sample is missing (nulls, NaN). */
  values: Array<number | null>;
  /** The query step in ms when the data source says it, else undefined. */
  intervalMs?: number;
}

/** What framesToSeries found, with the reasons frames were left out. */
export interface SeriesResult {
  series: Series[];
  /** Frames that had numbers but no time field (an instant or table query). */
  withoutTime: number;
  /** Frames with string fields beside numbers (Prometheus "Table" format). */
  withStrings: number;
}

/** Every numeric field of every frame with a time field, as a series. */
export function framesToSeries(frames: DataFrame[]): SeriesResult {
  const result: SeriesResult = { series: [], withoutTime: 0, withStrings: 0 };
  for (const frame of frames) {
    const time = frame.fields.find((field) => field.type === FieldType.time);
    const numbers = frame.fields.filter((field) => field.type === FieldType.number);
    if (numbers.length === 0) continue;
    if (time === undefined) {
      result.withoutTime += 1;
      continue;
    }
    if (frame.fields.some((field) => field.type === FieldType.string)) result.withStrings += 1;
    for (const field of numbers) result.series.push(toSeries(frame, time, field));
  }
  return result;
}

function toSeries(frame: DataFrame, time: Field, field: Field): Series {
  const raw = allNumbers(time.values) ? time.values : time.values.map((value) => toMillis(value));
  const values = allCounts(field.values) ? field.values : field.values.map((v) => toCount(v));
  const interval = time.config.interval;
  const base = {
    refId: frame.refId ?? '',
    name: field.config.displayNameFromDS ?? field.config.displayName ?? field.name,
    labels: field.labels ?? {},
    ...(typeof interval === 'number' && interval > 0 ? { intervalMs: interval } : {}),
  };
  if (isAscending(raw)) return { ...base, times: raw, values };

  // Rare: hand-built or joined frames out of time order.
  const order = raw.map((_, index) => index).sort((a, b) => raw[a]! - raw[b]!);
  return {
    ...base,
    times: order.map((index) => raw[index]!),
    values: order.map((index) => values[index]!),
  };
}

// Frames from data sources nearly always hold plain numbers already; then
// the arrays are used as they are instead of copied (800,000 values for a
// 200-row map).
function allNumbers(values: unknown[]): values is number[] {
  for (const value of values) if (typeof value !== 'number') return false;
  return true;
}

function allCounts(values: unknown[]): values is number[] {
  for (const value of values)
    if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return true;
}

function isAscending(times: number[]): boolean {
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) return false;
  return true;
}

// Time fields hold epoch milliseconds, but frames built from JSON or by
// hand sometimes carry ISO strings or Date objects.
function toMillis(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return Date.parse(String(value));
}

function toCount(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}
