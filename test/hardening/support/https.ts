/**
 * A small HTTPS client for the tests of the secured endpoint: trusts a
 * given CA, sends basic auth and client certificates, and has a deadline.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';

/** One answer: status, headers and the whole body. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a request sends besides method and path. */
export interface Ask {
  method?: string;
  /** `user:password` for basic auth. */
  auth?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends one request to `url` (http or https) and resolves with the whole answer. */
export function ask(url: string, options: Ask = {}): Promise<Answer> {
  const target = new URL(url);
  const settings: RequestOptions = {
    host: target.hostname,
    port: target.port,
    // The raw path as given: a test of `..` must reach the server unnormalised.
    path: rawPath(url),
    method: options.method ?? 'GET',
    headers: {
      ...options.headers,
      ...(options.auth !== undefined
        ? { authorization: `Basic ${Buffer.from(options.auth).toString('base64')}` }
        : {}),
    },
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.cert !== undefined ? { cert: options.cert, key: options.key } : {}),
    agent: false,
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise((resolve, reject) => {
    const req = send(settings, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
      req.destroy(new Error(`no answer from ${url} in time`));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The path and query of a URL exactly as written, without the URL parser's `..` resolution. */
function rawPath(url: string): string {
  const afterScheme = url.indexOf('//') + 2;
  const slash = url.indexOf('/', afterScheme);
  return slash === -1 ? '/' : url.slice(slash);
}
