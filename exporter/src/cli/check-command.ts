/**
 * `realitycheck check` from the command line: resolves options, runs one
 * pass, prints the report on stdout and problems on stderr.
 */
import { resolveOptions, type OptionFlags } from '../config/options.js';
import { EXIT_COULD_NOT_RUN } from '../report/exit-code.js';
import { runtimeRegionOf } from '../runtime/sources.js';
import { runCheck, type CheckFormat } from './check.js';
import { readSecretKey } from '../config/secrets.js';
import { describeFailure } from './failure.js';

/** Flags of `check`. */
export interface CheckFlags extends OptionFlags {
  format: CheckFormat;
}

/** Runs the command; resolves with the exit status. */
export async function checkCommand(flags: CheckFlags): Promise<number> {
  try {
    const { format, ...optionFlags } = flags;
    const options = resolveOptions({ flags: optionFlags, env: process.env });
    const secretKey = readSecretKey(options.secretKey ?? { source: 'none' }, process.env);
    const { output, exitCode } = await runCheck({
      ...(secretKey !== undefined ? { secretKey } : {}),
      intentPath: options.intentPath,
      regions: options.regions.map(runtimeRegionOf),
      format,
      now: Date.now(),
    });
    process.stdout.write(output);
    return exitCode;
  } catch (error) {
    process.stderr.write(`realitycheck check: ${describeFailure(error)}\n`);
    return EXIT_COULD_NOT_RUN;
  }
}
