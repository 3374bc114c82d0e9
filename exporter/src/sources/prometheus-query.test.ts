import { describe, expect, it } from 'vitest';

import {
  DEFAULT_BACKEND_LABEL,
  DEFAULT_TRAFFIC_QUERY,
  QueryAnswerError,
  renderQuery,
  sharesFromAnswer,
} from './prometheus-query.js';

const OPTIONS = { label: 'destination_version', windowSeconds: 300, minRequests: 20, at: 1000 };

/** An instant-vector answer with one sample per backend rate. */
function vector(rates: Record<string, string>, label = 'destination_version'): unknown {
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: Object.entries(rates).map(([backend, rate]) => ({
        metric: backend === '' ? {} : { [label]: backend },
        value: [1796126400, rate],
      })),
    },
  };
}

describe('renderQuery', () => {
  it('fills the default template for Istio', () => {
    const query = renderQuery(DEFAULT_TRAFFIC_QUERY, {
      service: 'checkout',
      namespace: 'shop',
      windowSeconds: 300,
      label: DEFAULT_BACKEND_LABEL,
    });

    expect(query).toBe(
      'sum by (destination_version) (rate(istio_requests_total{reporter="destination", destination_service_name="checkout", destination_service_namespace="shop"}[300s]))',
    );
  });

  it('escapes quotes in values and leaves unknown placeholders as written', () => {
    const query = renderQuery('x{s="{{service}}"} {{nope}} {{ window }}', {
      service: 'a"b',
      namespace: 'shop',
      windowSeconds: 2.4,
      label: 'l',
    });

    expect(query).toBe('x{s="a\\"b"} {{nope}} 2s');
  });
});

describe('sharesFromAnswer', () => {
  it('turns rates into shares: the 30% case', () => {
    expect(sharesFromAnswer(vector({ v15: '7', v14: '3' }), OPTIONS)).toEqual({
      state: 'ok',
      shares: { v15: 0.7, v14: 0.3 },
      requests: 3000,
      at: 1000,
    });
  });

  it('is unknown below the minimum number of requests in the window', () => {
    expect(sharesFromAnswer(vector({ v15: '0.05' }), OPTIONS)).toEqual({
      state: 'unknown',
      reason: 'TooFewRequests',
      detail: '15 requests in 300s, fewer than 20',
    });
  });

  it('is unknown when no series answers: no requests at all', () => {
    expect(sharesFromAnswer(vector({}), OPTIONS)).toMatchObject({ reason: 'TooFewRequests' });
  });

  it('names series without the backend label `other`', () => {
    const answer = sharesFromAnswer(vector({ v15: '1', '': '1' }), OPTIONS);

    expect(answer).toMatchObject({ shares: { v15: 0.5, other: 0.5 } });
  });

  it('keeps the largest backends and folds the rest into `other`', () => {
    const rates = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`b${String(i).padStart(2, '0')}`, String(12 - i)]),
    );
    const answer = sharesFromAnswer(vector(rates), OPTIONS);

    expect(answer.state).toBe('ok');
    const shares = answer.state === 'ok' ? answer.shares : {};
    expect(Object.keys(shares)).toHaveLength(8);
    expect(shares.b00).toBeCloseTo(12 / 78, 9);
    expect(shares.other).toBeCloseTo((5 + 4 + 3 + 2 + 1) / 78, 9);
  });

  it.each([
    ['a string', 'garbage', /not a JSON object/],
    [
      'an error status',
      { status: 'error', error: 'parse error at char 5' },
      /status error: parse error/,
    ],
    [
      'a matrix',
      { status: 'success', data: { resultType: 'matrix', result: [] } },
      /instant vector/,
    ],
    [
      'a sample without value',
      { status: 'success', data: { resultType: 'vector', result: [{ metric: {} }] } },
      /no metric or value/,
    ],
    ['a NaN sample', vector({ v15: 'NaN' }), /value NaN/],
  ])('rejects %s with a QueryAnswerError', (_name, body, message) => {
    expect(() => sharesFromAnswer(body, OPTIONS)).toThrow(QueryAnswerError);
    expect(() => sharesFromAnswer(body, OPTIONS)).toThrow(message);
  });
});
