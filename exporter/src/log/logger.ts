/**
 * The exporter's structured logger: a constant message plus fields
 * (`region`, `workload`, `err`), JSON by default, readable on a terminal.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** `json` for machines, `pretty` for people, `auto` picks by whether stderr is a TTY. */
export type LogFormat = 'json' | 'pretty' | 'auto';

/** Log levels, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go; stderr unless a test collects them. */
  destination?: NodeJS.WritableStream;
}

/** Creates the process logger. Logs go to stderr so that stdout stays for command output. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty =
    options.format === 'pretty' || (options.format === 'auto' && process.stderr.isTTY === true);
  const base = { level: options.level, base: undefined, errorKey: 'err' };

  if (options.destination !== undefined) {
    return pino(base, options.destination);
  }
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } },
    });
  }
  // Synchronous: a line logged just before exiting (a fatal start-up error)
  // is written before the one-line message that follows it, and never lost.
  // The exporter logs little, so blocking writes cost nothing worth having.
  return pino(base, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
