/** Starts an app on a host and port and stops it cleanly. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Express } from 'express';

import type { Logger } from '../log/logger.js';
import type { WebConfig } from './web-config.js';
import { CONNECTION_LIMITS, createTlsServer } from './web-tls.js';

/**
 * How long stopping waits for requests in flight before it cuts their
 * connections: long enough for a scrape to finish, short enough to stay
 * well inside Kubernetes' default 30 s termination grace period.
 */
export const SHUTDOWN_GRACE_MS = 5_000;

/** How often stopping looks for connections whose last scrape has been answered. */
const IDLE_SWEEP_MS = 50;

/** A listening server. */
export interface RunningServer {
  /** The bound address and port, e.g. 127.0.0.1 and the port the OS chose for 0. */
  host: string;
  port: number;
  /** The base URL, with IPv6 hosts bracketed. */
  url: string;
  /** Stops accepting connections, drops idle keep-alive ones and resolves once closed. */
  close(): Promise<void>;
}

/**
 * Binds the app, over HTTPS when the web config has a certificate; rejects
 * with the cause (e.g. EADDRINUSE) when it cannot.
 */
export function listen(
  app: Express,
  host: string,
  port: number,
  logger: Logger,
  web?: WebConfig,
): Promise<RunningServer> {
  const tls = web?.tls;
  const server =
    tls !== undefined
      ? createTlsServer(app, tls, web?.file ?? '', logger)
      : createHttpServer(CONNECTION_LIMITS, app);
  const scheme = tls !== undefined ? 'https' : 'http';

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      logger.info({ host: address.address, port: address.port, scheme }, 'listening');

      resolve({
        host: address.address,
        port: address.port,
        url: `${scheme}://${urlHost}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            // A keep-alive connection goes idle once its scrape is answered; close it then
            // rather than after the keep-alive timeout, and cut what is left after the grace.
            const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
            const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
            server.close((err) => {
              clearInterval(sweep);
              clearTimeout(cut);
              if (err) fail(err);
              else done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
