/** Bounds on what a request may carry, beyond what node:http already bounds. */
import type { RequestHandler } from 'express';

import { sendText } from './middleware.js';

/**
 * The longest request target answered. Every route is a short fixed path;
 * a long URL is a probe or a mistake, and is refused before any routing.
 */
export const MAX_URL_LENGTH = 2048;

/** Answers 414 for a request target longer than MAX_URL_LENGTH. */
export const limitUrlLength: RequestHandler = (req, res, next) => {
  if (req.originalUrl.length <= MAX_URL_LENGTH) {
    next();
    return;
  }
  sendText(res, 414, 'URI too long');
};
