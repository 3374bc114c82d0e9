import { describe, expect, it } from 'vitest';

import { DEFAULT_BACKEND_LABEL, DEFAULT_TRAFFIC_QUERY } from '../sources/prometheus-query.js';
import { describePrometheus, prometheusOptions, prometheusSchema } from './prometheus.js';

describe('a region`s prometheus: section', () => {
  it('needs only a url; everything else has a default', () => {
    expect(prometheusOptions({ url: 'http://prometheus:9090' })).toEqual({
      url: 'http://prometheus:9090',
      query: DEFAULT_TRAFFIC_QUERY,
      backendLabel: DEFAULT_BACKEND_LABEL,
      windowMs: 300_000,
      minRequests: 20,
      timeoutMs: 5_000,
      intervalMs: 30_000,
    });
  });

  it('reads durations and overrides', () => {
    const section = prometheusSchema.parse({
      url: 'https://prom.example.test/prometheus',
      backendLabel: 'destination_workload',
      window: '1m',
      interval: '10s',
      minRequests: 5,
    });

    expect(prometheusOptions(section)).toMatchObject({
      backendLabel: 'destination_workload',
      windowMs: 60_000,
      intervalMs: 10_000,
      minRequests: 5,
    });
  });

  it.each([
    [{ url: 'prometheus:9090' }, 'url'],
    [{ url: 'ftp://prometheus' }, 'url'],
    [{ url: 'http://p', backendLabel: 'destination-version' }, 'backendLabel'],
    [{ url: 'http://p', window: 'soon' }, 'window'],
    [{ url: 'http://p', colour: 'red' }, ''],
  ])('rejects %j at %s', (section, field) => {
    const result = prometheusSchema.safeParse(section);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.') ?? '').toBe(field);
  });

  it('logs the url without credentials', () => {
    const options = prometheusOptions({ url: 'http://user:s3cret@prometheus:9090/' });

    expect(JSON.stringify(describePrometheus(options))).not.toContain('s3cret');
  });
});
