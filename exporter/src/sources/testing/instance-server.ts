/**
 * Small HTTP servers on 127.0.0.1 that pose as instances answering the
 * self-report probe, for the reported layer's tests. Only loopback: the
 * prober is pointed at nothing else in tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fake instance. */
export interface FakeInstance {
  port: number;
  /** Requests it received, by path. */
  requests: string[];
  close(): Promise<void>;
}

/** Answers every request with `handler`; closes open connections on close. */
export async function startInstance(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<FakeInstance> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An instance that answers `body` with status 200 (or `status`). */
export function answering(body: string | object, status = 200) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(text);
  };
}

/** An instance that accepts the request and never answers (until closed). */
export function hanging() {
  return () => undefined;
}

/** A loopback port that nothing listens on: a probe there is refused. */
export async function closedPort(): Promise<number> {
  const instance = await startInstance(hanging());
  await instance.close();
  return instance.port;
}
