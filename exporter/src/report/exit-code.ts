/**
 * The exit status of `realitycheck check`, the contract a CD pipeline reads.
 */
import type { Evaluation } from '../verify/evaluation.js';

/** Every instance on its intended release, every region seen. */
export const EXIT_IN_SYNC = 0;
/** Only watch items: converging rollouts or things that cannot be verified. */
export const EXIT_WATCH = 1;
/** At least one action item: drift, stale, unexpected or invalid. */
export const EXIT_ACTION = 2;
/** The check could not run: bad intent, unreadable snapshot, bad options. */
export const EXIT_COULD_NOT_RUN = 3;

/** The exit status that an evaluation calls for. */
export function exitCodeFor(evaluation: Evaluation): number {
  if (evaluation.findings.some((f) => f.severity === 'action')) return EXIT_ACTION;
  if (evaluation.findings.length > 0) return EXIT_WATCH;
  return EXIT_IN_SYNC;
}
