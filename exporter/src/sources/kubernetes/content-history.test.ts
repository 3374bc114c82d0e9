import { describe, expect, it } from 'vitest';

import type { ConfigMapView } from '../config-views.js';
import { carryContentHistory, MAX_CONTENT_REVISIONS } from './content-history.js';

const view = (contentHash: string, changedAt?: number): ConfigMapView => ({
  namespace: 'shop',
  name: 'api-cfg',
  contentHash,
  keyDigests: {},
  ...(changedAt !== undefined ? { changedAt } : {}),
});

describe('carryContentHistory', () => {
  it('starts no history for the first view of a ConfigMap', () => {
    expect(carryContentHistory(undefined, view('a', 10), 99)).toEqual(view('a', 10));
  });

  it('records each change of content with its time, oldest first', () => {
    const first = view('a', 10);
    const second = carryContentHistory(first, view('b', 20), 99);
    const third = carryContentHistory(second, view('a', 30), 99);
    expect(third.history).toEqual([
      { contentHash: 'a', from: 10 },
      { contentHash: 'b', from: 20 },
      { contentHash: 'a', from: 30 },
    ]);
  });

  it('keeps the history through updates that do not change the content', () => {
    const changed = carryContentHistory(view('a', 10), view('b', 20), 99);
    const relabelled = carryContentHistory(changed, view('b', 20), 99);
    expect(relabelled.history).toEqual(changed.history);
  });

  it('takes the time it saw the change when the object does not say', () => {
    expect(carryContentHistory(view('a'), view('b'), 77).history).toEqual([
      { contentHash: 'a', from: 77 },
      { contentHash: 'b', from: 77 },
    ]);
  });

  it('keeps only the newest revisions', () => {
    let current = view('h0', 0);
    for (let i = 1; i <= MAX_CONTENT_REVISIONS + 3; i++) {
      current = carryContentHistory(current, view(`h${i}`, i), 99);
    }
    expect(current.history).toHaveLength(MAX_CONTENT_REVISIONS);
    expect(current.history?.at(-1)).toEqual({
      contentHash: `h${MAX_CONTENT_REVISIONS + 3}`,
      from: MAX_CONTENT_REVISIONS + 3,
    });
  });
});
