import { describe, expect, it } from 'vitest';

import { parseExposition, parseSampleLine } from './prometheus-text.js';

describe('parseSampleLine', () => {
  it.each([
    ['up 1', { name: 'up', labels: {}, value: 1 }],
    ['up 1 1796126340000', { name: 'up', labels: {}, value: 1 }],
    ['a_b{x="1"} 0.5', { name: 'a_b', labels: { x: '1' }, value: 0.5 }],
    ['a{x="1",y="2",} 2', { name: 'a', labels: { x: '1', y: '2' }, value: 2 }],
    ['a{ x = "1" , y="2" }\t3', { name: 'a', labels: { x: '1', y: '2' }, value: 3 }],
    ['a{x="q\\"uo\\\\te\\nd"} 1', { name: 'a', labels: { x: 'q"uo\\te\nd' }, value: 1 }],
    ['a{x="}{,= "} 1', { name: 'a', labels: { x: '}{,= ' }, value: 1 }],
    ['ns:rule{} 4e3', { name: 'ns:rule', labels: {}, value: 4000 }],
    ['a +Inf', { name: 'a', labels: {}, value: Infinity }],
  ])('reads %j', (line, sample) => {
    expect(parseSampleLine(line)).toEqual(sample);
  });

  it.each([
    ['no value', 'up'],
    ['a value that is not a number', 'up one'],
    ['an unterminated label value', 'a{x="1} 1'],
    ['a label without a value', 'a{x} 1'],
    ['an unclosed label set', 'a{x="1" 1'],
    ['a name that starts with a digit', '1a 1'],
    ['no space before the value', 'a{x="1"}1'],
  ])('skips a line with %s', (_what, line) => {
    expect(parseSampleLine(line)).toBeUndefined();
  });
});

describe('parseExposition', () => {
  it('reads the samples of a real-looking exposition, skipping comments and broken lines', () => {
    const text = [
      '# HELP shop_build_info Build of the service.',
      '# TYPE shop_build_info gauge',
      'shop_build_info{version="1.15.0",revision="4f2c1e9"} 1',
      '',
      'broken{ 3',
      '  process_open_fds 12  ',
      'http_requests_total{code="200"} 1027 1395066363000',
      '# EOF',
    ].join('\r\n');

    expect(parseExposition(text).map((s) => `${s.name}=${s.value}`)).toEqual([
      'shop_build_info=1',
      'process_open_fds=12',
      'http_requests_total=1027',
    ]);
  });
});
