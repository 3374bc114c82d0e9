import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { readSecretKey, resolveSecretKeySetting } from './secrets.js';

const KEY = 'a-key-of-more-than-sixteen-bytes';
let dir: string | undefined;
afterEach(() => dir !== undefined && rmSync(dir, { recursive: true, force: true }));

describe('the HMAC key for Secret hashes', () => {
  it('is none when nothing is configured: Secrets keep change times only', () => {
    const setting = resolveSecretKeySetting(undefined, '/etc', {});

    expect(setting).toEqual({ source: 'none' });
    expect(readSecretKey(setting, {})).toBeUndefined();
  });

  it('comes from REALITYCHECK_HMAC_KEY, or from the file the config names, without its newline', () => {
    dir = mkdtempSync(join(tmpdir(), 'realitycheck-key-'));
    writeFileSync(join(dir, 'key'), `${KEY}\n`);
    const env = { REALITYCHECK_HMAC_KEY: KEY };

    const fromEnv = readSecretKey(resolveSecretKeySetting(undefined, dir, env), env);
    const fromFile = readSecretKey(resolveSecretKeySetting('key', dir, env), env);

    expect(Buffer.from(fromEnv!).toString()).toBe(KEY);
    expect(Buffer.from(fromFile!).toString()).toBe(KEY);
  });

  it('refuses a short key naming the variable, never the key', () => {
    const env = { REALITYCHECK_HMAC_KEY: 'short-canary' };

    const read = () => readSecretKey(resolveSecretKeySetting(undefined, '/', env), env);

    expect(read).toThrow(/REALITYCHECK_HMAC_KEY: the key is shorter than 16 bytes/);
    expect(read).not.toThrow(/short-canary/);
  });
});
