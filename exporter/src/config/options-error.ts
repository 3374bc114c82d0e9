/** The error of an invalid command-line flag or environment variable. */

/** An invalid option; the message is one line naming the option, the value and the fix. */
export class OptionsError extends Error {
  constructor(
    /** `--listen`, `REALITYCHECK_LISTEN`, ... */
    readonly option: string,
    /** The value given; undefined when the option is missing. */
    readonly value: string | undefined,
    readonly fix: string,
  ) {
    super(value === undefined ? `${option}: ${fix}` : `${option} ${JSON.stringify(value)}: ${fix}`);
    this.name = 'OptionsError';
  }
}
