/**
 * Go-style durations ("90s", "15m", "1h30m", "500ms", "1.5h", "2d") as used
 * in the intent and the exporter config, parsed into milliseconds.
 */

/** Thrown for a string that is not a duration; the message says what is allowed. */
export class DurationError extends Error {
  constructor(readonly input: string) {
    super(`"${truncate(input)}" is not a duration; ${DURATION_HINT}`);
    this.name = 'DurationError';
  }
}

/** What a duration looks like, for error messages. */
export const DURATION_HINT =
  'expected a duration such as 90s, 15m, 1h30m or 500ms (units ms, s, m, h, d)';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
};
/** The whole of a duration string; also given to editors through the JSON Schema. */
export const DURATION_PATTERN = /^(?:0|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+)$/;
const WHOLE = DURATION_PATTERN;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Parses a duration into milliseconds. "0" alone is allowed, as in Go;
 * negative durations are not, since every duration here is a span of time.
 */
export function parseDuration(input: string): number {
  if (!WHOLE.test(input)) throw new DurationError(input);

  let total = 0;
  for (const [, amount, unit] of input.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  return Math.round(total);
}

/** True when parseDuration would accept the string. */
export function isDuration(input: string): boolean {
  return WHOLE.test(input);
}

/** Formats milliseconds the way people write them: 1h30m, 90s -> 1m30s, 500ms, 0s. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;

  let rest = Math.round(ms);
  let text = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] as number;
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return rest > 0 ? `${text}${rest}ms` : text;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
