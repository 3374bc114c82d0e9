/**
 * The guards of the secured endpoint: configured response headers, client
 * certificate policies that TLS alone cannot express, and basic auth
 * checked against bcrypt hashes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

import bcrypt from 'bcryptjs';
import type { RequestHandler, Response } from 'express';

import type { Logger } from '../log/logger.js';
import { sendText } from './middleware.js';
import type { WebConfig } from './web-config.js';

/**
 * Hashes checked successfully are remembered, keyed by a salted digest of
 * user, password and hash, because a bcrypt check costs tens of
 * milliseconds of CPU on every scrape. Bounded so that guessing cannot grow it.
 */
export const AUTH_CACHE_SIZE = 64;

/** The realm of the 401 challenge. */
export const AUTH_REALM = 'realitycheck';

/** Checks a user name and password; resolves true only for a configured user whose hash matches. */
export type PasswordCheck = (user: string, password: string) => Promise<boolean>;

/**
 * A password check against bcrypt hashes. An unknown user is checked
 * against a dummy hash of the same cost, so that timing does not tell
 * which users exist.
 */
export function bcryptPasswordCheck(users: ReadonlyMap<string, string>): PasswordCheck {
  const salt = randomBytes(16);
  const remembered = new Set<string>();
  const anyHash = users.values().next().value ?? '';
  const dummy = bcrypt.hashSync(randomBytes(12).toString('hex'), costOf(anyHash));

  return async (user, password) => {
    const hash = users.get(user);
    const key = createHash('sha256')
      .update(salt)
      .update(`${user}\u0000${password}\u0000${hash ?? ''}`)
      .digest('hex');
    if (hash !== undefined && remembered.has(key)) return true;

    const ok = await bcrypt.compare(password, hash ?? dummy);
    if (!ok || hash === undefined) return false;
    if (remembered.size >= AUTH_CACHE_SIZE) remembered.clear();
    remembered.add(key);
    return true;
  };
}

/** Sets the configured headers, enforces the client certificate policy, then basic auth. */
export function webGuards(web: WebConfig, logger: Logger): RequestHandler[] {
  const guards: RequestHandler[] = [];
  const headers = Object.entries(web.headers);
  if (headers.length > 0) {
    guards.push((_req, res, next) => {
      for (const [name, value] of headers) res.set(name, value);
      next();
    });
  }
  if (web.tls?.clientAuth === 'RequireAnyClientCert') guards.push(requireClientCert(logger));
  if (web.tls?.clientAuth === 'VerifyClientCertIfGiven') guards.push(verifyGivenCert(logger));
  if (web.users.size > 0) guards.push(basicAuth(bcryptPasswordCheck(web.users), logger));
  return guards;
}

/** Answers 401 with a Basic challenge unless the request carries a valid user and password. */
export function basicAuth(check: PasswordCheck, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const credentials = parseBasicAuth(req.headers.authorization);
    if (credentials !== undefined && (await check(credentials.user, credentials.password))) {
      next();
      return;
    }
    // The user name helps an operator find a misconfigured scraper; the password never appears.
    logger.debug({ path: req.path, user: credentials?.user }, 'request unauthorised');
    challenge(res);
  };
}

/** The user and password of a `Basic` Authorization header; undefined when absent or malformed. */
export function parseBasicAuth(
  header: string | undefined,
): { user: string; password: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (match === null) return undefined;

  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function challenge(res: Response): void {
  res.set('WWW-Authenticate', `Basic realm="${AUTH_REALM}", charset="UTF-8"`);
  sendText(res, 401, 'unauthorised');
}

function requireClientCert(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const certificate = (req.socket as TLSSocket).getPeerCertificate?.();
    if (certificate !== undefined && Object.keys(certificate).length > 0) {
      next();
      return;
    }
    logger.debug({ path: req.path }, 'request without a client certificate refused');
    sendText(res, 403, 'a client certificate is required');
  };
}

function verifyGivenCert(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const socket = req.socket as TLSSocket;
    const certificate = socket.getPeerCertificate?.();
    const given = certificate !== undefined && Object.keys(certificate).length > 0;
    if (!given || socket.authorized) {
      next();
      return;
    }
    logger.debug({ path: req.path, err: socket.authorizationError }, 'client certificate refused');
    sendText(res, 403, 'the client certificate is not trusted');
  };
}

function costOf(hash: string): number {
  const cost = Number(/^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1]);
  return Number.isInteger(cost) ? cost : 10;
}
