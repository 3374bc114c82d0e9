import { describe, expect, it } from 'vitest';

import {
  formatImageReference,
  ImageReferenceError,
  parseImageReference,
} from './image-reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  // F02: normalisation as runtimes do it.
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['library/nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['localhost:5000/api', 'localhost:5000/api:latest'],
    ['localhost/api', 'localhost/api:latest'],
    ['reg.example.test:5000/shop/api:7', 'reg.example.test:5000/shop/api:7'],
    ['reg.example.test/shop/api', 'reg.example.test/shop/api:latest'],
    [`reg.example.test/shop/api@${D}`, `reg.example.test/shop/api@${D}`],
    [`reg.example.test/shop/api:1.4@${D}`, `reg.example.test/shop/api:1.4@${D}`],
    [`nginx@${D.toUpperCase().replace('SHA256', 'sha256')}`, `docker.io/library/nginx@${D}`],
    ['[::1]:5000/api:v1', '[::1]:5000/api:v1'],
    ['Registry.Example/api', 'Registry.Example/api:latest'],
    ['a/b/c/d:e', 'docker.io/a/b/c/d:e'],
    ['my__repo/some-thing.x:v1.0_rc-1', 'docker.io/my__repo/some-thing.x:v1.0_rc-1'],
  ])('normalises %s to %s', (input, expected) => {
    expect(formatImageReference(parseImageReference(input))).toBe(expected);
  });

  it('implies library/ only for single-part Docker Hub names', () => {
    expect(parseImageReference('nginx').repository).toBe('library/nginx');
    expect(parseImageReference('myorg/nginx').repository).toBe('myorg/nginx');
    expect(parseImageReference('reg.example.test/nginx').repository).toBe('nginx');
  });

  it('separates a registry port from a tag', () => {
    const ref = parseImageReference('reg.example.test:5000/shop/api:7');
    expect(ref).toEqual({ registry: 'reg.example.test:5000', repository: 'shop/api', tag: '7' });
  });

  it('keeps the tag beside the digest of name:tag@digest (F03)', () => {
    const ref = parseImageReference(`reg.example.test/shop/api:1.4@${D}`);
    expect(ref.tag).toBe('1.4');
    expect(ref.digest).toBe(D);
  });

  it.each([
    ['', 'empty'],
    [' nginx', 'white space'],
    ['Nginx/API', 'path component'],
    ['nginx:', 'tag ""'],
    ['nginx:-bad', 'tag "-bad"'],
    ['nginx@sha256:xyz', 'digest'],
    ['reg..example/api', 'registry "reg..example"'],
    ['nginx:1.0:2', 'path component'],
    ['/api', 'path component'],
    ['api/', 'path component'],
    [`${'a'.repeat(256)}`, 'longer than 255'],
  ])('rejects %j, saying what is wrong (%s)', (input, problem) => {
    expect(() => parseImageReference(input)).toThrow(ImageReferenceError);
    expect(() => parseImageReference(input)).toThrow(problem);
  });
});
