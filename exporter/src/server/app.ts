/**
 * The exporter's HTTP face: /metrics for Prometheus, /healthz and /readyz for
 * Kubernetes, and a read-only JSON view of the current findings. The server
 * only reads the latest publication; it never triggers an evaluation.
 */
import express, { type Express, type RequestHandler } from 'express';

import type { Logger } from '../log/logger.js';
import type { Publication } from '../metrics/exporter-status.js';
import { createProcessRegistry } from '../metrics/process.js';
import { EXPOSITION_CONTENT_TYPE } from '../metrics/render.js';
import { toFindingsDocument } from '../report/json.js';
import { listen, type RunningServer } from './listen.js';
import { createMetricsCache, type MetricsCache } from './metrics-cache.js';
import {
  handleErrors,
  logRequests,
  methodNotAllowed,
  notFound,
  rejectBodies,
  sendText,
} from './middleware.js';
import type { Readiness } from './readiness.js';
import { limitUrlLength } from './request-limits.js';
import { webGuards } from './web-auth.js';
import type { WebConfig } from './web-config.js';

/** What the server reads from the rest of the exporter. */
export interface ServerOptions {
  /**
   * The publication in force. Before the first evaluation, return
   * `startingPublication()` so that /metrics already shows the build and
   * every region as down.
   */
  getPublication: () => Publication;
  /** Whether every region has synced once and the intent has loaded; see `readinessOf`. */
  isReady: () => Readiness;
  logger: Logger;
  /** Append prom-client's process metrics to /metrics; on unless a test compares exact text. */
  processMetrics?: boolean;
  /** Renders one publication; the real renderer unless a test injects one. */
  metricsCache?: MetricsCache;
  /** TLS, basic auth and headers from `--web.config.file`; absent: plain HTTP, open. */
  web?: WebConfig;
}

/** The app and a way to start it. */
export interface Server {
  app: Express;
  /** Binds host and port (0 picks a free one) and resolves once listening. */
  listen(host: string, port: number): Promise<RunningServer>;
}

/** The paths the server answers, in the order the index lists them. */
export const ROUTES = ['/metrics', '/healthz', '/readyz', '/api/v1/findings'] as const;

/** Builds the app. Nothing listens until `listen` is called. */
export function createServer(options: ServerOptions): Server {
  const app = express();
  app.disable('x-powered-by');
  // Scrapes are not cached by clients; hashing megabytes for an ETag is waste.
  app.set('etag', false);

  app.use(logRequests(options.logger));
  app.use(limitUrlLength);
  for (const guard of options.web !== undefined ? webGuards(options.web, options.logger) : []) {
    app.use(guard);
  }
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });

  const routes: Record<string, RequestHandler> = {
    '/': serveIndex,
    '/metrics': serveMetrics(options),
    '/healthz': (_req, res) => sendText(res, 200, 'ok'),
    '/readyz': serveReadiness(options),
    '/api/v1/findings': (_req, res) => {
      res.json(toFindingsDocument(options.getPublication().evaluation));
    },
  };
  for (const [path, handler] of Object.entries(routes)) {
    app.route(path).get(rejectBodies, handler).all(methodNotAllowed);
  }

  app.use(notFound);
  app.use(handleErrors(options.logger));
  return { app, listen: (host, port) => listen(app, host, port, options.logger, options.web) };
}

function serveMetrics(options: ServerOptions): RequestHandler {
  const cache = options.metricsCache ?? createMetricsCache();
  const processRegistry = options.processMetrics === false ? undefined : createProcessRegistry();

  return async (_req, res) => {
    const text = await cache.textFor(options.getPublication());
    const processText = processRegistry === undefined ? '' : `\n${await processRegistry.metrics()}`;

    // A Buffer, because express would reorder the parameters of a string's Content-Type.
    res.status(200).set('Content-Type', EXPOSITION_CONTENT_TYPE);
    res.send(Buffer.from(text + processText, 'utf8'));
  };
}

function serveReadiness(options: ServerOptions): RequestHandler {
  return (_req, res) => {
    const readiness = options.isReady();
    if (readiness.ready) {
      sendText(res, 200, 'ok');
      return;
    }
    sendText(res, 503, `not ready: ${readiness.reason}`);
  };
}

const serveIndex: RequestHandler = (_req, res) => {
  const links = ROUTES.map((path) => `<li><a href="${path}">${path}</a></li>`).join('\n');
  const page = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>realitycheck</title></head>',
    '<body><h1>realitycheck</h1>',
    `<ul>\n${links}\n</ul>`,
    '</body></html>',
    '',
  ].join('\n');
  res.status(200).type('html').send(page);
};
