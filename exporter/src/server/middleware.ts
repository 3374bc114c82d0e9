/**
 * The request plumbing around the routes: what is refused, what is logged,
 * and how a failure is answered without telling the client anything internal.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

import type { Logger } from '../log/logger.js';

/** The only methods any route answers. */
export const ALLOWED_METHODS = 'GET, HEAD';

/** Answers 405 with `Allow`; mounted after a route's GET handler. */
export const methodNotAllowed: RequestHandler = (_req, res) => {
  res.set('Allow', ALLOWED_METHODS);
  sendText(res, 405, 'method not allowed');
};

/** Answers 404 for any path that no route claims. */
export const notFound: RequestHandler = (_req, res) => {
  sendText(res, 404, 'not found');
};

/**
 * Refuses requests that carry a body. No route reads one, and a body on a
 * GET is more likely a confused client than a request worth answering.
 */
export const rejectBodies: RequestHandler = (req, res, next) => {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody) {
    sendText(res, 400, 'request bodies are not accepted');
    return;
  }
  next();
};

/** Logs every request at debug level, once it has been answered. */
export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('debug')) {
      next();
      return;
    }
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
      const fields = { method: req.method, path: req.path, status: res.statusCode };
      logger.debug({ ...fields, duration_ms: durationMs }, 'request served');
    });
    next();
  };
}

/**
 * The last handler. A client error that express detected (a malformed path,
 * say) keeps its 4xx status; anything else is logged with its cause and
 * answered with a generic 500, never with the error's own text.
 */
export function handleErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a status: let express close the connection.
      next(err);
      return;
    }

    const status = clientErrorStatus(err);
    if (status !== undefined) {
      logger.debug({ err, path: req.path, status }, 'request refused');
      sendText(res, status, 'bad request');
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    sendText(res, 500, 'internal server error');
  };
}

function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;

  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}

/** Answers a one-line plain text body. */
export function sendText(res: Parameters<RequestHandler>[1], status: number, line: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(`${line}\n`);
}
