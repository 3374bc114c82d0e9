/**
 * Reading Kubernetes objects without trusting their shape.
 *
 * Objects reach the projections in two shapes: plain JSON (kubectl output,
 * watch events) with string timestamps, and @kubernetes/client-node model
 * instances (list responses) with `Date` timestamps and no `kind`. Both have
 * the same property names, so one set of careful readers serves both.
 */
import type { ConditionView, OwnerRef } from './observations.js';

/** An object read field by field; every value is checked before use. */
export type Fields = Record<string, unknown>;

/** The value as an object, or an empty one when it is absent, null, an array or a scalar. */
export function fields(value: unknown): Fields {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Fields;
  }
  return {};
}

/** The objects of an array; a missing or `null` array (e.g. `containerStatuses: null`) is empty. */
export function objects(value: unknown): Fields[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item) => typeof item === 'object' && item !== null).map(fields);
}

/** The value when it is a string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else 0: absent counts mean none. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The value when it is a finite number or a string of digits (Argo writes some counts as strings). */
export function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** True only for a literal `true`. */
export function flag(value: unknown): boolean {
  return value === true;
}

/** A timestamp as epoch milliseconds, from an RFC 3339 string or a `Date` (client-node models). */
export function epochMs(value: unknown): number | undefined {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string') ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A string-to-string map such as `labels` or `annotations`; other values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const entries = Object.entries(fields(value)).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  // fromEntries defines own properties, so a key like `__proto__` cannot reach a prototype.
  return Object.fromEntries(entries);
}

/** The label value, when the object's metadata has that label. */
export function label(metadata: Fields, name: string): string | undefined {
  return stringMap(metadata.labels)[name];
}

/** The annotation value, when the object's metadata has that annotation. */
export function annotation(metadata: Fields, name: string): string | undefined {
  return stringMap(metadata.annotations)[name];
}

/**
 * The object's controller: the owner reference with `controller: true`.
 * Objects written by hand or by older tools may set no `controller` flag at
 * all, so the first owner reference stands in for it.
 */
export function controllerOf(metadata: Fields): OwnerRef | undefined {
  const owners = objects(metadata.ownerReferences);
  const owner = owners.find((candidate) => candidate.controller === true) ?? owners[0];
  if (owner === undefined) return undefined;

  const kind = text(owner.kind);
  const name = text(owner.name);
  return kind !== undefined && name !== undefined ? { kind, name } : undefined;
}

/** `status.conditions`, with any status other than True or False read as Unknown. */
export function conditionsOf(status: Fields): ConditionView[] {
  return objects(status.conditions).map((condition) =>
    withoutUndefined({
      type: text(condition.type) ?? '',
      status: conditionStatus(condition.status),
      reason: text(condition.reason),
      message: text(condition.message),
      lastUpdateTime: epochMs(condition.lastUpdateTime),
      lastTransitionTime: epochMs(condition.lastTransitionTime),
    }),
  );
}

function conditionStatus(value: unknown): ConditionView['status'] {
  return value === 'True' || value === 'False' ? value : 'Unknown';
}

/** A copy without the keys whose value is undefined, so views hold only what was seen. */
export function withoutUndefined<T extends object>(value: T): T {
  const entries = Object.entries(value).filter((entry) => entry[1] !== undefined);
  return Object.fromEntries(entries) as T;
}
