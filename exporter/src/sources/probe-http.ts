/**
 * One HTTP GET of an instance's self-report: a deadline over the whole
 * exchange (connect, headers and body), a cap on the body, and a short
 * reason when it fails. Plain HTTP to a pod IP, as kubelet probes do.
 */
import { request } from 'node:http';

/**
 * The largest body read. A JSON self-report is a few hundred bytes, but the
 * Prometheus alternative is the instance's whole /metrics, which for a busy
 * service with many series runs to megabytes; past this, the instance is
 * answering something other than a self-report.
 */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;

/** Where and how long to ask. */
export interface ProbeRequest {
  host: string;
  port: number;
  path: string;
  timeoutMs: number;
}

/** Why a probe got no usable body; the message is for people and never holds the body. */
export class ProbeRequestError extends Error {
  override readonly name = 'ProbeRequestError';
}

/** GETs the report and resolves with its body; rejects with ProbeRequestError. */
export function getReport(probe: ProbeRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(deadline);
      req.destroy();
      reject(new ProbeRequestError(message));
    };
    // One connection per probe (agent: false): pods come and go, and pooled
    // keep-alive sockets to gone pod IPs would only linger.
    const req = request(
      { host: probe.host, port: probe.port, path: probe.path, agent: false, method: 'GET' },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          fail(`HTTP ${response.statusCode ?? 'without a status'}`);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPORT_BYTES) fail(`the body exceeds ${MAX_REPORT_BYTES} bytes`);
          else chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(deadline);
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
        response.on('error', (error) => fail(`the body broke off: ${error.message}`));
      },
    );
    const deadline = setTimeout(
      () => fail(`no answer within ${probe.timeoutMs}ms`),
      probe.timeoutMs,
    );
    req.setHeader('accept', 'application/json, text/plain;q=0.9, */*;q=0.1');
    req.on('error', (error) => fail(describeSocketError(error)));
    req.end();
  });
}

/** `connect ECONNREFUSED 10.0.0.1:8080` is already a good reason; keep only the message. */
function describeSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && !error.message.includes(code)
    ? `${code}: ${error.message}`
    : error.message;
}
