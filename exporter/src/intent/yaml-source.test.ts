import { describe, expect, it } from 'vitest';

import { YamlSource } from './yaml-source.js';

describe('YamlSource', () => {
  // Found by load.property.test.ts: a file of many aliases (a large intent
  // written by a YAML library that shares repeated objects, or an alias bomb)
  // threw the parser's ReferenceError instead of a problem naming the file.
  it('reports too many aliases as a problem of the file instead of throwing', () => {
    const aliases = Array.from({ length: 150 }, () => '  - *shared').join('\n');
    const text = `shared: &shared { a: 1 }\nlist:\n${aliases}\n`;

    const parsed = YamlSource.parse(text, 'intent.yaml');

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.objectContaining({ file: 'intent.yaml', message: expect.stringMatching(/alias/) }),
    ]);
  });
});
