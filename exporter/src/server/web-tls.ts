/**
 * The HTTPS server of the secured endpoint, and the limits every server of
 * the exporter shares, plain or not.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';

import type { Logger } from '../log/logger.js';
import { rereadTls, type WebTls } from './web-config.js';

/**
 * How often certificate files are read again. cert-manager and similar
 * tools replace them in place before they expire; a restart should not be
 * needed to serve the new ones.
 */
export const TLS_RELOAD_INTERVAL_MS = 60_000;

/** Limits of every connection: a scrape needs small headers and finishes in seconds. */
export const CONNECTION_LIMITS = {
  /** Node's default, stated: headers bigger than this get 431. */
  maxHeaderSize: 16 * 1024,
  /** A client that has not sent its headers by then is dropped (slowloris). */
  headersTimeout: 10_000,
  /** The whole request, headers and (absent) body, must arrive by then. */
  requestTimeout: 30_000,
} as const;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Node's TLS options for a policy: which clients must show a certificate and which are verified. */
export function tlsOptions(tls: WebTls): ServerOptions {
  const requestCert = tls.clientAuth !== 'NoClientCert';
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    requestCert,
    // Only this policy lets TLS itself refuse; the others are checked per request (web-auth.ts).
    rejectUnauthorized: tls.clientAuth === 'RequireAndVerifyClientCert',
    ...(tls.minVersion !== undefined ? { minVersion: tls.minVersion } : {}),
    ...(tls.maxVersion !== undefined ? { maxVersion: tls.maxVersion } : {}),
  };
}

/**
 * An HTTPS server for the app. A client that speaks plain HTTP to it fails
 * the handshake and is disconnected; that is logged at debug, since port
 * scanners do it all day.
 */
export function createTlsServer(
  handler: Handler,
  tls: WebTls,
  file: string,
  logger: Logger,
): HttpServer {
  const server = createHttpsServer({ ...CONNECTION_LIMITS, ...tlsOptions(tls) }, handler);
  server.on('tlsClientError', (err, socket) => {
    logger.debug({ err: err.message, remote: socket.remoteAddress }, 'TLS handshake refused');
  });

  let current = tls;
  const timer = setInterval(() => {
    current = reloadCertificates(server, current, file, logger);
  }, TLS_RELOAD_INTERVAL_MS);
  timer.unref();
  server.on('close', () => clearInterval(timer));
  return server as unknown as HttpServer;
}

function reloadCertificates(
  server: ReturnType<typeof createHttpsServer>,
  tls: WebTls,
  file: string,
  logger: Logger,
): WebTls {
  let next: WebTls;
  try {
    next = rereadTls(tls, file);
  } catch (error) {
    // Keep serving the certificate in force; an operator sees why it did not change.
    logger.warn({ err: error, file }, 'cannot reread TLS files; keeping the ones in force');
    return tls;
  }
  const unchanged =
    next.cert.equals(tls.cert) && next.key.equals(tls.key) && sameCa(next.ca, tls.ca);
  if (unchanged) return tls;

  try {
    server.setSecureContext(tlsOptions(next));
  } catch (error) {
    // A key that does not match its new certificate, mid-rotation: try again next time.
    logger.warn({ err: error, file }, 'new TLS files rejected; keeping the ones in force');
    return tls;
  }
  logger.info({ file: next.certFile }, 'TLS certificate reloaded');
  return next;
}

function sameCa(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
