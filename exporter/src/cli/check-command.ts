/**
 * `realitycheck check` from the command line: resolves options, runs one
 * pass, prints the report on stdout and problems on stderr.
 */
import {
  OptionsError,
  resolveOptions,
  type OptionFlags,
  type RegionOptions,
} from '../config/options.js';
import { EXIT_COULD_NOT_RUN } from '../report/exit-code.js';
import { runCheck, type CheckFormat } from './check.js';
import { readSecretKey } from '../config/secrets.js';
import { describeFailure } from './failure.js';

/** Flags of `check`. */
export interface CheckFlags extends OptionFlags {
  format: CheckFormat;
}

/**
 * `check` reads snapshots only.
 * TODO(sources): a one-shot sync of a kubernetes region (start the source,
 * wait for its first lists, observe, stop) would let a CD gate skip the dump.
 */
function snapshotRegion({ name, source }: RegionOptions) {
  if (source.type !== 'snapshot') {
    throw new OptionsError(
      `regions[${name}].kubernetes`,
      undefined,
      'check reads snapshots only; dump the cluster with kubectl and pass --snapshot REGION=FILE, or run serve',
    );
  }
  return { name, path: source.path, maxAgeMs: source.maxAgeMs };
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
      regions: options.regions.map(snapshotRegion),
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
