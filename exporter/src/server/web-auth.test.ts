import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';

import { bcryptPasswordCheck, parseBasicAuth } from './web-auth.js';

describe('parseBasicAuth', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it.each([
    [basic('prometheus:s3cret'), { user: 'prometheus', password: 's3cret' }],
    [basic('ops:pass:with:colons'), { user: 'ops', password: 'pass:with:colons' }],
    [basic('ops:'), { user: 'ops', password: '' }],
    [basic('ünï:cødé'), { user: 'ünï', password: 'cødé' }],
  ])('reads %s', (header, expected) => {
    expect(parseBasicAuth(header)).toEqual(expected);
  });

  it.each([
    undefined,
    '',
    'Bearer abc',
    'Basic',
    'Basic !!!',
    basic('no colon'),
    basic(':no user'),
  ])('finds no credentials in %j', (header) => {
    expect(parseBasicAuth(header)).toBeUndefined();
  });
});

describe('bcryptPasswordCheck', () => {
  const users = new Map([['prometheus', bcrypt.hashSync('right', 4)]]);

  it('accepts the right password, also when asked again (from its cache)', async () => {
    const check = bcryptPasswordCheck(users);

    expect(await check('prometheus', 'right')).toBe(true);
    expect(await check('prometheus', 'right')).toBe(true);
  });

  it('refuses a wrong password after a right one, and unknown users', async () => {
    const check = bcryptPasswordCheck(users);
    await check('prometheus', 'right');

    expect(await check('prometheus', 'wrong')).toBe(false);
    expect(await check('prometheus', 'right ')).toBe(false);
    expect(await check('grafana', 'right')).toBe(false);
  });
});
