import { describe, expect, it } from 'vitest';

import { formatListenAddress, parseListenAddress } from './listen.js';

describe('parseListenAddress', () => {
  it.each([
    ['0.0.0.0:9847', { host: '0.0.0.0', port: 9847 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
    ['exporter.monitoring.svc:9847', { host: 'exporter.monitoring.svc', port: 9847 }],
    ['[::1]:9847', { host: '::1', port: 9847 }],
    [':9847', { host: '0.0.0.0', port: 9847 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
  ])('reads %s', (text, address) => {
    expect(parseListenAddress(text)).toEqual(address);
    expect(parseListenAddress(formatListenAddress(address))).toEqual(address);
  });

  it.each(['9847', 'host:', 'host:65536', 'host:http', 'two words:80', '::1:9847', ''])(
    'refuses %j',
    (text) => {
      expect(parseListenAddress(text)).toBeUndefined();
    },
  );
});
