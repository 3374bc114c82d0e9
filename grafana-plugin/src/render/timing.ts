/**
 * Runs `work` and records how long it took as a User Timing measure, so that
 * browser profilers (and the harness benchmark) can tell shaping from
 * drawing. Costs two clock reads when nobody looks.
 */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  // Some environments (older jsdom) have no measure with explicit times.
  if (typeof performance.measure === 'function') {
    performance.measure(`realitycheck-skewmap:${name}`, { start, end: performance.now() });
  }
  return result;
}
