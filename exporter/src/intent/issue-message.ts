/**
 * Turns zod issues into messages for people who write YAML: the expected
 * shape against what was found, the allowed values of an enum, the allowed
 * field names of an object. Values are quoted only where short and safe
 * (enum choices, keys); the value of a field is otherwise never repeated.
 */
import { z } from 'zod';

import { closestName } from './misspelt-fields.js';

/** One problem derived from an issue, before it is given a line and column. */
export interface IssueProblem {
  path: PropertyKey[];
  message: string;
  /** Point at the key of the field (unknown fields, bad keys) or at its value. */
  at: 'key' | 'value';
  /** Set for the two problems a misspelt field name causes, so they can be merged. */
  kind?: 'unknown-field' | 'missing-field';
}

type Issue = z.core.$ZodIssue;

/** Describes one zod issue; an issue about several unknown fields gives one problem each. */
export function describeIssue(issue: Issue, root: unknown, schema: z.ZodType): IssueProblem[] {
  const path = [...issue.path];
  const value = valueAt(root, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedFields(schema, path);
      const hint = allowed !== undefined ? `; allowed fields: ${allowed.join(', ')}` : '';
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field ${quote(key)}${suggestion(key, allowed)}${hint}`,
        at: 'key' as const,
        kind: 'unknown-field' as const,
      }));
    }
    case 'invalid_key':
      return [{ path, message: describeInvalidKey(issue, path), at: 'key' }];
    default: {
      const missing = value === undefined && issue.code === 'invalid_type';
      const message = describeValueIssue(issue, value);
      return [{ path, message, at: 'value', ...(missing ? { kind: 'missing-field' } : {}) }];
    }
  }
}

function describeValueIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(expectedName(issue.expected), value);
    case 'invalid_value':
      return describeChoice(issue.values, value);
    case 'invalid_union':
      return describeUnion(issue, value);
    case 'too_small':
      return describeBound(issue.origin, 'at least', issue.minimum, issue.inclusive);
    case 'too_big':
      return describeBound(issue.origin, 'at most', issue.maximum, issue.inclusive);
    default:
      // Formats, refinements and custom checks carry messages written in the schema.
      return issue.message;
  }
}

function describeType(expected: string, value: unknown): string {
  if (value === undefined) return `required field is missing; expected ${expected}`;
  if (value === null) return `expected ${expected}, got an empty value`;
  const got = typeName(value);
  // YAML reads 1.20 as a number and true as a boolean; quoting makes them text.
  const hint =
    expected === 'string' && (got === 'number' || got === 'boolean') ? '; put it in quotes' : '';
  return `expected ${expected}, got ${got}${hint}`;
}

function describeChoice(values: readonly unknown[], value: unknown): string {
  if (value === undefined) {
    return `required field is missing; expected ${values.map(quoteValue).join(' or ')}`;
  }
  const got = typeof value === 'string' ? quote(value) : typeName(value);
  if (values.length === 1) return `expected ${quoteValue(values[0])}, got ${got}`;
  return `expected one of ${values.map(String).join(', ')}, got ${got}`;
}

function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, value: unknown): string {
  const expected = issue.errors
    .map((branch) => branch[0])
    .filter((first) => first?.code === 'invalid_type')
    .map((first) => expectedName((first as { expected: string }).expected));
  if (expected.length !== issue.errors.length || expected.length === 0) return issue.message;
  const list = `${expected.slice(0, -1).join(', ')} or ${expected.at(-1) as string}`;
  return describeType(list, value);
}

function describeBound(
  origin: string,
  word: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
): string {
  if (origin === 'array') return `expected ${word} ${bound} item${bound === 1 ? '' : 's'}`;
  if (origin === 'string') {
    return bound === 1 && word === 'at least'
      ? 'must not be empty'
      : `expected ${word} ${bound} characters`;
  }
  const sign = word === 'at least' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `expected a number ${sign} ${bound}`;
}

function describeInvalidKey(
  issue: Extract<Issue, { code: 'invalid_key' }>,
  path: PropertyKey[],
): string {
  const key = String(path.at(-1));
  const inner = issue.issues[0]?.message ?? issue.message;
  return `invalid key ${quote(key)}: ${inner}`;
}

function expectedName(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'map';
  if (expected === 'array') return 'list';
  if (expected === 'int') return 'integer';
  return expected;
}

/** The YAML word for a value's type: map, list, string, number, boolean, null. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The field names an object schema at this path allows, found by walking the schema. */
export function allowedFields(
  schema: z.ZodType,
  path: readonly PropertyKey[],
): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current instanceof z.ZodObject) current = current.shape[String(key)] as z.ZodType;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
    current = current !== undefined ? unwrap(current) : undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

function quoteValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** `; did you mean "logLevel"?` when an allowed field is a likely misspelling of `key`. */
function suggestion(key: string, allowed: readonly string[] | undefined): string {
  const close = allowed === undefined ? undefined : closestName(key, allowed);
  return close === undefined ? '' : `; did you mean ${quote(close)}?`;
}
