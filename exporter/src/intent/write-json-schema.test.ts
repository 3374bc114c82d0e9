import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useTempDir } from './testing/temp-dir.js';
import { intentJsonSchema, writeIntentJsonSchema } from './write-json-schema.js';

type JsonSchema = {
  $schema?: string;
  properties: Record<string, JsonSchema & { description?: string }>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
};

describe('intentJsonSchema', () => {
  const tempDir = useTempDir('realitycheck-schema-');
  const schema = intentJsonSchema() as JsonSchema;
  const workload = schema.properties.workloads?.items as JsonSchema;

  it('is a draft 2020-12 schema of the intent file, closed to unknown fields', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(['apiVersion', 'kind', 'defaults', 'workloads']);
    expect(schema.required).toEqual(['apiVersion', 'kind', 'workloads']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes the fields of a workload so that editors can show help', () => {
    expect(workload.required).toEqual(['name', 'namespace', 'releases']);
    for (const field of ['name', 'kind', 'releases', 'regions', 'traffic', 'rolloutGrace']) {
      expect(workload.properties[field]?.description, field).toMatch(/\w/);
    }
  });

  it('writes the schema as JSON to the given path', () => {
    const path = join(tempDir(), 'intent.schema.json');
    writeIntentJsonSchema(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schema);
  });
});
