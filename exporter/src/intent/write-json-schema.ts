/**
 * Writes the JSON Schema of the intent file, generated from the zod schema
 * that validates it, so that editors check and explain intent files.
 * Run by the build: `node dist/intent/write-json-schema.js ../examples/intent.schema.json`.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { z } from 'zod';

import { intentFileSchema } from './schema.js';

/** The intent file's JSON Schema (draft 2020-12) as a plain object. */
export function intentJsonSchema(): Record<string, unknown> {
  // `input`: the schema describes what people write, before any defaults.
  return z.toJSONSchema(intentFileSchema, { io: 'input', unrepresentable: 'any' });
}

/** Writes the schema as formatted JSON to `path`. */
export function writeIntentJsonSchema(path: string): void {
  writeFileSync(path, `${JSON.stringify(intentJsonSchema(), null, 2)}\n`);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const target = process.argv[2];
  if (target === undefined) {
    process.stderr.write('usage: write-json-schema.js OUTPUT.json\n');
    process.exit(2);
  }
  writeIntentJsonSchema(target);
}
