import { describe, expect, it } from 'vitest';

import { StringPool } from './intern.js';

describe('StringPool', () => {
  it('gives equal strings of two views one pooled copy, keeping names and uids as they are', () => {
    const pool = new StringPool();
    const first = pool.view({
      name: 'a',
      uid: 'u1',
      namespace: 'shop',
      containers: [{ image: 'x' }],
    });
    const second = pool.view({
      name: 'b',
      uid: 'u2',
      namespace: `sh${'op'}`,
      containers: [{ image: 'x' }],
    });

    expect(second).toEqual({
      name: 'b',
      uid: 'u2',
      namespace: 'shop',
      containers: [{ image: 'x' }],
    });
    expect(pool.string('shop')).toBe(first.namespace);
    expect(pool.string('a')).toBe('a');
  });

  it('leaves the values of a view unchanged', () => {
    const view = {
      name: 'p',
      owner: { kind: 'ReplicaSet', name: 'rs-1' },
      images: { app: 'i' },
      n: 3,
    };

    expect(new StringPool().view(structuredClone(view))).toEqual(view);
  });
});
