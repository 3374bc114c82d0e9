/**
 * The installation's HMAC key for Secret hashes: from `secrets.hmacKeyFile`
 * in the config file, or the REALITYCHECK_HMAC_KEY variable (for a key
 * mounted with secretKeyRef). Without a key, Secrets are tracked by change
 * time only. The key itself is never logged nor put in an error message.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { OptionsError } from './options-error.js';

/** Where the key comes from, as the start-up log says it: never the key. */
export type SecretKeySource = 'file' | 'env' | 'none';

/** The env variable that may hold the key itself. */
export const HMAC_KEY_ENV = 'REALITYCHECK_HMAC_KEY';

/** A key shorter than this is refused: HMAC-SHA256 wants 32 bytes of entropy to be worth it. */
export const MIN_HMAC_KEY_BYTES = 16;

/** Where the key is configured; resolved with the other options, read at start. */
export interface SecretKeySetting {
  source: SecretKeySource;
  /** The key file, absolute, when the source is `file`. */
  file?: string;
}

/** The key setting: the file of the config file wins over the variable. */
export function resolveSecretKeySetting(
  hmacKeyFile: string | undefined,
  fileDir: string,
  env: Record<string, string | undefined>,
): SecretKeySetting {
  if (hmacKeyFile !== undefined) return { source: 'file', file: resolve(fileDir, hmacKeyFile) };
  const fromEnv = env[HMAC_KEY_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? { source: 'env' } : { source: 'none' };
}

/**
 * Reads the key. Throws OptionsError naming the setting (never its content)
 * when the file cannot be read or the key is too short.
 */
export function readSecretKey(
  setting: SecretKeySetting,
  env: Record<string, string | undefined>,
): Uint8Array | undefined {
  if (setting.source === 'none') return undefined;
  const option = setting.source === 'file' ? 'secrets.hmacKeyFile' : HMAC_KEY_ENV;
  let text: string;
  try {
    text = setting.source === 'file' ? readFileSync(setting.file!, 'utf8') : env[HMAC_KEY_ENV]!;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new OptionsError(option, setting.file, `cannot read the key file (${code})`);
  }
  // A trailing newline from `echo key > file` is not part of the key.
  const key = Buffer.from(text.replace(/\r?\n$/, ''), 'utf8');
  if (key.length < MIN_HMAC_KEY_BYTES) {
    const where = setting.source === 'file' ? setting.file : undefined;
    throw new OptionsError(
      option,
      where,
      `the key is shorter than ${MIN_HMAC_KEY_BYTES} bytes; use e.g. \`openssl rand -hex 32\``,
    );
  }
  return key;
}
