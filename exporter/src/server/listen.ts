/** Starts an app on a host and port and stops it cleanly. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Express } from 'express';

import type { Logger } from '../log/logger.js';

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

/** Binds the app; rejects with the cause (e.g. EADDRINUSE) when it cannot. */
export function listen(
  app: Express,
  host: string,
  port: number,
  logger: Logger,
): Promise<RunningServer> {
  const server = createHttpServer(app);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      logger.info({ host: address.address, port: address.port }, 'listening');

      resolve({
        host: address.address,
        port: address.port,
        url: `http://${urlHost}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
