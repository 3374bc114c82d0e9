import { describe, expect, it } from 'vitest';

import { readJsonReport, readPrometheusReport, ReportFormatError } from './probe-report.js';

describe('readJsonReport', () => {
  it('reads version, revision, config hash and flags of each type', () => {
    const body = JSON.stringify({
      version: '1.15.0',
      revision: '4f2c1e9',
      configHash: 'sha256:abc',
      flags: { 'new-checkout': true, 'max-items': 50, theme: 'blue' },
      uptime: 42,
    });

    expect(readJsonReport(body)).toEqual({
      version: '1.15.0',
      revision: '4f2c1e9',
      configHash: 'sha256:abc',
      flags: { 'new-checkout': true, 'max-items': 50, theme: 'blue' },
    });
  });

  it('accepts a report with nothing but a version', () => {
    expect(readJsonReport('{"version":"1.15.0"}')).toEqual({ version: '1.15.0', flags: {} });
  });

  it.each([
    ['not JSON', '<html>503</html>', 'the body is not JSON'],
    ['not an object', '["1.15.0"]', 'the JSON body is not an object'],
    ['a version that is a number', '{"version":1.15}', '"version" is not a string'],
    ['flags that are a list', '{"flags":["a"]}', '"flags" is not an object'],
    ['a flag that is an object', '{"flags":{"a":{"on":true}}}', 'flag "a" is not a string'],
  ])('rejects %s, naming what is wrong', (_what, body, message) => {
    expect(() => readJsonReport(body)).toThrow(ReportFormatError);
    expect(() => readJsonReport(body)).toThrow(message);
  });

  it('never repeats the body in its error', () => {
    expect(() => readJsonReport('token=canary-9d1e')).toThrow(/^(?!.*canary-9d1e)/);
  });
});

describe('readPrometheusReport', () => {
  const exposition = (...lines: string[]) => lines.join('\n');

  it('reads *_build_info and the feature flag gauges', () => {
    const text = exposition(
      'go_build_info{path="x",version="(devel)"} 1',
      'shop_build_info{version="1.15.0",revision="4f2c1e9",config_hash="sha256:abc"} 1',
      'shop_feature_flag{flag="new-checkout"} 1',
      'shop_feature_flag{flag="max-items"} 50',
      'shop_feature_flag_info{flag="theme",value="blue"} 1',
      'shop_feature_flag_info{flag="old-theme",value="red"} 0',
    );

    expect(readPrometheusReport(text)).toEqual({
      version: '1.15.0',
      revision: '4f2c1e9',
      configHash: 'sha256:abc',
      flags: { 'new-checkout': 1, 'max-items': 50, theme: 'blue' },
    });
  });

  it('rejects an exposition without a build info gauge', () => {
    expect(() => readPrometheusReport('up 1\n')).toThrow('no *_build_info gauge');
  });

  it('rejects build infos that disagree instead of picking one', () => {
    const text = exposition('a_build_info{version="1"} 1', 'b_build_info{version="2"} 1');

    expect(() => readPrometheusReport(text)).toThrow('disagree on the version: a_build_info');
  });
});
