import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../config/load.js';
import { useTempDir } from '../intent/testing/temp-dir.js';
import { describeWebConfig, loadWebConfig } from './web-config.js';

/** A syntactically valid bcrypt hash (of "secret", cost 4); the loader only checks the shape. */
const HASH = '$2y$04$SsLUqSAiBSsGYZRGlAvIbe3pgGYjbBNKWxrz0mrRwUbTJXzUbGDyW';

describe('loadWebConfig', () => {
  const dir = useTempDir('realitycheck-web-');

  function write(text: string, extra: Record<string, string> = {}): string {
    for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir(), name), content);
    const file = join(dir(), 'web.yml');
    writeFileSync(file, text);
    return file;
  }

  function problemOf(file: string): string {
    try {
      loadWebConfig(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  }

  it('resolves certificate paths against the web config folder and reads them', () => {
    const file = write(
      'tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n',
      {},
    );
    const message = problemOf(file);

    expect(message).toContain(join(dir(), 'tls', 'server.crt'));
    expect(message).toContain('tls_server_config.cert_file');
  });

  it('loads users, headers and TLS material, and describes them without secrets', () => {
    const file = write(
      [
        'tls_server_config: { cert_file: a.crt, key_file: a.key, client_ca_file: ca.crt }',
        'http_server_config: { headers: { X-Frame-Options: deny }, http2: false }',
        `basic_auth_users: { prometheus: '${HASH}' }`,
      ].join('\n'),
      { 'a.crt': 'CERT', 'a.key': 'KEY', 'ca.crt': 'CA' },
    );
    const web = loadWebConfig(file);

    expect(web.tls?.cert.toString()).toBe('CERT');
    expect(web.tls?.clientAuth).toBe('RequireAndVerifyClientCert');
    expect(web.users.get('prometheus')).toBe(HASH);
    expect(web.headers).toEqual({ 'X-Frame-Options': 'deny' });
    expect(JSON.stringify(describeWebConfig(web))).not.toContain(HASH);
  });

  it('serves plain HTTP with basic auth when no certificate is given, as the toolkit does', () => {
    const web = loadWebConfig(write(`basic_auth_users:\n  ops: '${HASH}'\n`));

    expect(web.tls).toBeUndefined();
    expect(web.users.size).toBe(1);
  });

  it.each([
    ['a password in clear', 'basic_auth_users:\n  ops: hunter2\n', 'basic_auth_users.ops'],
    ['a cert without key', 'tls_server_config:\n  cert_file: a.crt\n', 'key_file'],
    [
      'verification without a CA',
      'tls_server_config: { cert_file: a, key_file: b, client_auth_type: RequireAndVerifyClientCert }',
      'client_ca_file',
    ],
    ['an unknown TLS version', 'tls_server_config: { min_version: TLS14 }', 'min_version'],
    [
      'a header that is not settable',
      'http_server_config:\n  headers: { Authorization: x }\n',
      'Authorization',
    ],
    ['an unknown field', 'tls_config: {}\n', 'tls_config'],
    ['a user with a colon', `basic_auth_users:\n  'a:b': '${HASH}'\n`, 'no ":"'],
    ['broken YAML', 'basic_auth_users: [\n', 'YAML syntax'],
  ])('refuses %s, naming the file and field', (_what, text, field) => {
    const file = write(text);
    const message = problemOf(file);

    expect(message).toContain(file);
    expect(message).toContain(field);
  });

  it('names a missing web config file', () => {
    expect(problemOf(join(dir(), 'missing.yml'))).toMatch(/missing\.yml.*no such file/);
  });
});
