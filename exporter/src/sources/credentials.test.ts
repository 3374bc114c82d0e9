import { describe, expect, it } from 'vitest';

import { credentialHint } from './credentials.js';

describe('credentialHint', () => {
  it.each([
    ['PAYMENT_API_KEY', 'pk-3b1f9e', 'name'],
    ['DB_PASSWORD', 'hunter2', 'name'],
    ['githubToken', 'abc123', 'name'],
    ['CLIENT_SECRET', 'x', 'name'],
    ['ENCRYPTION_KEY', 'k', 'name'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalr', 'name'],
    ['DATABASE_URL', 'postgres://app:s3cret@db.example.test:5432/app', 'url-userinfo'],
    ['REPO', 'https://ghp_token@git.example.test/x.git', 'url-userinfo'],
    ['ANYTHING', `ghp_${'a'.repeat(36)}`, 'value'],
    ['ANYTHING', 'AKIAABCDEFGHIJKLMNOP', 'value'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'value'],
  ])('flags %s set to a credential-looking literal (%s) as %s', (name, value, hint) => {
    expect(credentialHint(name, value)).toBe(hint);
  });

  it.each([
    ['LOG_LEVEL', 'debug'],
    ['UPSTREAM_URL', 'https://payments.example.test/v1'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_TTL', '3600'],
    ['SECRET_NAME', 'payments'],
    ['AWS_ACCESS_KEY_ID', 'something'],
    ['CACHE_KEY_PREFIX', 'api:'],
    ['API_TOKEN', ''],
    ['API_TOKEN', '$(TOKEN_FROM_SECRET)'],
    ['FEATURE_SECRET_SAUCE_ENABLED', 'true'],
    ['MONKEY', 'banana'],
  ])('does not flag %s=%s', (name, value) => {
    expect(credentialHint(name, value)).toBeUndefined();
  });
});
