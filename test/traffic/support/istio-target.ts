/**
 * A loopback scrape target that serves Istio's request counter for one
 * service, as an Envoy sidecar's /stats/prometheus would: one monotonic
 * `istio_requests_total` per backend version, growing at rates the test sets.
 * Counters are advanced from wall time at each scrape, so Prometheus's rate()
 * sees exactly the split the test asked for.
 */
import { createServer, type Server } from 'node:http';

/** A running target. */
export interface IstioTarget {
  /** `127.0.0.1:PORT`, for a scrape config. */
  target: string;
  /** Requests per second by backend version, from now on. */
  setRates(rates: Record<string, number>): void;
  close(): Promise<void>;
}

/** Starts the target for `namespace/service` with the given rates. */
export async function startIstioTarget(
  namespace: string,
  service: string,
  rates: Record<string, number>,
): Promise<IstioTarget> {
  const totals = new Map<string, number>();
  let current = { ...rates };
  let last = Date.now();

  const advance = () => {
    const now = Date.now();
    for (const [version, rate] of Object.entries(current)) {
      totals.set(version, (totals.get(version) ?? 0) + (rate * (now - last)) / 1000);
    }
    last = now;
  };
  const exposition = () => {
    const lines = [...totals].map(
      ([version, total]) =>
        `istio_requests_total{reporter="destination",response_code="200",destination_service_name="${service}",destination_service_namespace="${namespace}",destination_version="${version}"} ${Math.floor(total)}`,
    );
    return `# HELP istio_requests_total Total requests.\n# TYPE istio_requests_total counter\n${lines.join('\n')}\n`;
  };

  const server = createServer((request, response) => {
    advance();
    response.writeHead(request.url === '/metrics' ? 200 : 404, {
      'content-type': 'text/plain; version=0.0.4',
    });
    response.end(request.url === '/metrics' ? exposition() : '');
  });
  const port = await listen(server);
  return {
    target: `127.0.0.1:${port}`,
    setRates: (next) => {
      advance();
      current = { ...next };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback server that answers every request with the same body: a Prometheus gone wrong. */
export async function startGarbageServer(
  body: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(body);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}
