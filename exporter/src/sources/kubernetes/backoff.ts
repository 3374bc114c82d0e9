/**
 * How long a watcher waits before trying again. Every limit is named here,
 * with the reason for its value.
 */

/**
 * First pause after a failed list or an abrupt watch end. Short, because the
 * usual cause is an API server restart behind a load balancer, which takes
 * about a second to settle.
 */
export const BACKOFF_INITIAL_MS = 800;

/**
 * Longest pause. An API server that is down for minutes should not be hit
 * by every exporter every second; half a minute keeps recovery quick enough
 * for `maxStaleness` of a few minutes.
 */
export const BACKOFF_MAX_MS = 30_000;

/** Each failure in a row doubles the pause, as client-go's reflector does. */
export const BACKOFF_FACTOR = 2;

/** Up to this share of the pause is added at random, so regions do not retry in step. */
export const BACKOFF_JITTER = 0.2;

/**
 * A kind the API answered 403 for is asked again this often: permissions
 * may be granted later (an RBAC fix rolled out), and asking costs one request.
 */
export const FORBIDDEN_RETRY_MS = 60_000;

/**
 * A CRD group that answered 404 (no Argo Rollouts here) is asked again this
 * often, in case the CRD is installed later.
 */
export const ABSENT_RETRY_MS = 5 * 60_000;

/** Tunable pauses; tests shorten them. */
export interface BackoffLimits {
  initialMs: number;
  maxMs: number;
  forbiddenRetryMs: number;
  absentRetryMs: number;
}

/** The limits above, as used in production. */
export const DEFAULT_BACKOFF: BackoffLimits = {
  initialMs: BACKOFF_INITIAL_MS,
  maxMs: BACKOFF_MAX_MS,
  forbiddenRetryMs: FORBIDDEN_RETRY_MS,
  absentRetryMs: ABSENT_RETRY_MS,
};

/** The pause before attempt `failures + 1`, after `failures` failures in a row (1 or more). */
export function backoffDelay(
  limits: BackoffLimits,
  failures: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(limits.maxMs, limits.initialMs * BACKOFF_FACTOR ** exponent);
  return Math.round(base * (1 + BACKOFF_JITTER * random()));
}
