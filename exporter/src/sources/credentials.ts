/**
 * Does a literal environment variable look like a credential? Decided from
 * the name and the value inside the projection, so that only the answer is
 * kept. Tuned for few false alarms: a log level, a file path, a URL without
 * user information or a name like TOKEN_TTL are not credentials.
 */
import type { CredentialHint } from './config-views.js';

/** Name words that mean the value is a credential on their own. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'PWD',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATEKEY',
]);

/**
 * Last name words that make the variable about a credential rather than
 * the credential itself: DB_PASSWORD_FILE holds a path, TOKEN_TTL a
 * duration, SECRET_NAME the name of a Secret.
 */
const METADATA_WORDS = new Set([
  'FILE',
  'PATH',
  'DIR',
  'NAME',
  'REF',
  'ID',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'TIMEOUT',
  'LENGTH',
  'SIZE',
  'HEADER',
  'ENABLED',
  'URL',
  'ENDPOINT',
  'VERSION',
  'TYPE',
]);

/**
 * Value shapes of well-known credentials, matched whatever the name: PEM
 * private keys, AWS access key ids, GitHub, Slack, Stripe and Google keys,
 * and JSON Web Tokens.
 */
const CREDENTIAL_VALUES: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^(AKIA|ASIA)[0-9A-Z]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/,
  /^[rs]k_(live|test)_[A-Za-z0-9]{16,}$/,
  /^AIza[0-9A-Za-z_-]{35}$/,
  /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+$/,
];

/** Values that cannot be a credential whatever the name: empty, a flag, a path, a `$(VAR)` reference. */
function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === '' ||
    /^(true|false|yes|no|on|off)$/i.test(trimmed) ||
    trimmed.startsWith('/') ||
    /^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$/.test(trimmed)
  );
}

/** The words of a variable name: `paymentApiKey`, `PAYMENT_API_KEY`, `payment-api.key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

/** True when the name says the variable holds a credential. */
export function credentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || METADATA_WORDS.has(last)) return false;

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (SECRET_WORDS.has(word)) return true;
    // Two-word forms: API_KEY, ACCESS_KEY, PRIVATE_KEY, AUTH_KEY, CLIENT_SECRET (above).
    if (next === 'KEY' && ['API', 'ACCESS', 'PRIVATE', 'AUTH', 'SIGNING'].includes(word)) {
      return true;
    }
  }
  // A trailing KEY on its own (ENCRYPTION_KEY, HMAC_KEY) is a key; KEY_PREFIX is not.
  return last === 'KEY' && words.length > 1;
}

/** True when the value is a URL that carries user information. */
export function urlWithUserinfo(value: string): boolean {
  // Matched by hand rather than with new URL(): a URL parser may reject
  // unusual schemes (redis, amqp, jdbc:postgresql) that still carry passwords.
  return /^[A-Za-z][A-Za-z0-9+.:-]*:\/\/[^/?#@\s]+@[^/?#\s]/.test(value.trim());
}

/** Why a literal variable looks like a credential, or undefined when it does not. */
export function credentialHint(name: string, value: string): CredentialHint | undefined {
  if (urlWithUserinfo(value)) return 'url-userinfo';
  if (CREDENTIAL_VALUES.some((pattern) => pattern.test(value.trim()))) return 'value';
  if (credentialName(name) && !isPlaceholder(value)) return 'name';
  return undefined;
}
