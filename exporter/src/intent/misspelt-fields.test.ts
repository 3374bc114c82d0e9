import { describe, expect, it } from 'vitest';

import type { IssueProblem } from './issue-message.js';
import { closestName, editDistance, mergeMisspeltFields } from './misspelt-fields.js';

const unknown = (path: PropertyKey[]): IssueProblem => ({
  path,
  message: `unknown field "${String(path.at(-1))}"; allowed fields: name, releases`,
  at: 'key',
  kind: 'unknown-field',
});
const missing = (path: PropertyKey[]): IssueProblem => ({
  path,
  message: 'required field is missing; expected list',
  at: 'value',
  kind: 'missing-field',
});

describe('mergeMisspeltFields', () => {
  it('merges a misspelt field with the missing field it resembles', () => {
    const merged = mergeMisspeltFields([
      missing(['workloads', 0, 'releases']),
      unknown(['workloads', 0, 'releses']),
    ]);
    expect(merged).toEqual([
      {
        ...unknown(['workloads', 0, 'releses']),
        message:
          'unknown field "releses"; did you mean "releases"?; allowed fields: name, releases',
      },
    ]);
  });

  it('leaves an unknown field alone when no missing sibling resembles it', () => {
    const problems = [missing(['workloads', 0, 'releases']), unknown(['workloads', 0, 'colour'])];
    expect(mergeMisspeltFields(problems)).toEqual(problems);
  });

  it('does not merge across different parents', () => {
    const problems = [missing(['workloads', 1, 'releases']), unknown(['workloads', 0, 'releses'])];
    expect(mergeMisspeltFields(problems)).toEqual(problems);
  });
});

describe('editDistance', () => {
  it.each([
    ['releses', 'releases', 1],
    ['namespase', 'namespace', 1],
    ['', 'abc', 3],
    ['kind', 'kind', 0],
    ['colour', 'releases', 7],
  ])('counts %s -> %s as %i edits', (a, b, n) => {
    expect(editDistance(a, b)).toBe(n);
  });
});

describe('closestName', () => {
  it.each([
    ['loglevel', ['listen', 'logLevel', 'logFormat'], 'logLevel'],
    ['relases', ['releases', 'regions'], 'releases'],
    ['colour', ['name', 'kind', 'releases'], undefined],
    ['x', ['kind'], undefined],
  ])('suggests for %s among %j: %s', (typed, names, expected) => {
    expect(closestName(typed, names)).toBe(expected);
  });
});
