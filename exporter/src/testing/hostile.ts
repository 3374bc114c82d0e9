/**
 * fast-check arbitraries for hostile input: values of the wrong type,
 * absurd image references, unicode, huge and negative numbers, and a way
 * to mutate a valid document at random paths, so that a generated case
 * stays close enough to the real thing to reach deep code.
 */
import fc from 'fast-check';

/** Runs per property: enough to meet the odd case, short enough for `npm test`. */
export const NUM_RUNS = 250;

/**
 * fast-check's parameters for every property of the hardening suite. A
 * failure prints the seed and the shrunk case (fast-check does by default);
 * `FC_SEED` replays a run, as the printed message says.
 */
export function propertyParameters(numRuns = NUM_RUNS): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : undefined;
  return { numRuns, ...(seed !== undefined ? { seed } : {}), endOnFailure: true };
}

/** Image references no registry would accept, and some it would that are still strange. */
export const absurdImage: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ':',
    '@',
    '@sha256:',
    'sha256:',
    ':latest@sha256:zz',
    'UPPER/Case:Tag',
    'a'.repeat(5000),
    'reg:99999999/x@sha256:' + 'f'.repeat(64),
    'docker-pullable://',
    'docker://sha256:' + 'g'.repeat(64),
    'x@sha512:' + '0'.repeat(128),
    '../../../etc/passwd',
    'reg.example.test/a/b/c/d/e/f:1@sha256:' + 'A'.repeat(64),
    '\u0000\u0001',
    '🦄/🌈:🔥',
  ),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 70 }))
    .map(([name, hex]) => `${name}@sha256:${hex}`),
);

/** Numbers a schema or a projection may not expect: negative, huge, fractional, not finite. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1e308, 0.5, -0),
  fc.double(),
);

/** A value of any type a parsed document can hold, leaning towards the troublesome. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  hostileNumber,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  absurdImage,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** Every path to a value in a plain object tree, arrays included. */
export function pathsOf(value: unknown, prefix: PropertyKey[] = [], out: PropertyKey[][] = []) {
  if (value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    pathsOf((value as Record<string, unknown>)[key], path, out);
  }
  return out;
}

/** One change to a document: at the path with this index (modulo), set this value or delete. */
export interface Mutation {
  at: number;
  value: unknown;
  remove: boolean;
}

/** Zero to `max` mutations. */
export function mutations(max = 6): fc.Arbitrary<Mutation[]> {
  return fc.array(fc.record({ at: fc.nat(), value: hostileValue, remove: fc.boolean() }), {
    maxLength: max,
  });
}

/** A deep copy of `document` with the mutations applied in order. */
export function mutate<T>(document: T, changes: readonly Mutation[]): T {
  const copy = structuredClone(document);
  for (const change of changes) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[change.at % paths.length] as PropertyKey[];
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)[key], copy) as Record<
      PropertyKey,
      unknown
    >;
    const key = path.at(-1) as PropertyKey;
    if (change.remove) delete parent[key];
    else parent[key] = change.value;
  }
  return copy;
}

/** Text cut at a random point, as a reader meets a file that a writer has not finished. */
export function truncated(text: string): fc.Arbitrary<string> {
  return fc.nat({ max: Math.max(0, text.length - 1) }).map((end) => text.slice(0, end));
}

/** Text that nests `depth` levels deep, in YAML flow or block style. */
export const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 3000 }), fc.constantFrom('flow-seq', 'flow-map', 'block'))
  .map(([depth, style]) => {
    if (style === 'flow-seq') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (style === 'flow-map') return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    return Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join(
      '\n',
    );
  });

/** Bytes that are not text in any encoding a YAML parser expects. */
export const binaryText: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 300 })
  .map((bytes) => Buffer.from(bytes).toString('latin1'));
