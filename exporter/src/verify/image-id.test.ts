import { describe, expect, it } from 'vitest';

import { parseImageId } from './image-id.js';

const R = 'reg.example.test/shop/api';
const DA = `sha256:${'a'.repeat(64)}`;
const DC = `sha256:${'c'.repeat(64)}`;

describe('parseImageId', () => {
  // F01: the forms runtimes write.
  it.each([
    [`docker-pullable://${R}@${DA}`, { kind: 'digest', digest: DA, repository: R }],
    [`${R}@${DA}`, { kind: 'digest', digest: DA, repository: R }],
    [`nginx@${DA}`, { kind: 'digest', digest: DA, repository: 'docker.io/library/nginx' }],
    [`${R}:1.4@${DA}`, { kind: 'digest', digest: DA, repository: R }],
    [
      `reg.example.test:5000/api@${DA}`,
      { kind: 'digest', digest: DA, repository: 'reg.example.test:5000/api' },
    ],
    [`docker://${DC}`, { kind: 'config', id: DC }],
    [DC, { kind: 'config', id: DC }],
    ['c'.repeat(64), { kind: 'config', id: DC }],
    [DC.toUpperCase().replace('SHA256', 'sha256'), { kind: 'config', id: DC }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['garbage', { kind: 'unparsed' }],
    [`${R}:1.4`, { kind: 'unparsed' }],
    ['docker://', { kind: 'unparsed' }],
    [`${R}@sha256:abc`, { kind: 'unparsed' }],
    ['sha256:' + 'z'.repeat(64), { kind: 'unparsed' }],
  ])('reads %j', (imageID, expected) => {
    expect(parseImageId(imageID)).toEqual(expected);
  });
});
