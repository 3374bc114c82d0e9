#!/usr/bin/env node
/**
 * The `realitycheck` command: parses the command line and hands over to
 * `serve` or `check`. It only wires; each command lives in its own file.
 */
import { Command, Option } from 'commander';

import { LOG_LEVELS } from '../log/logger.js';
import { buildInfo } from './build-info.js';
import { CHECK_FORMATS } from './check.js';
import { checkCommand } from './check-command.js';
import { hashCommand } from './hash.js';
import { intentCommand, type IntentFlags } from './intent-command.js';
import { serveCommand } from './serve.js';

const program = new Command('realitycheck')
  .description('Verifies that what runs in each region is what was released.')
  .version(buildInfo().version)
  .showHelpAfterError('(realitycheck COMMAND --help lists the options)')
  // The root's options only before a subcommand, so that `intent --version 1.15.0`
  // is the release's version, not a request for realitycheck's own.
  .enablePositionalOptions()
  // Usage errors (an unknown flag, a bad choice) cannot run: exit 3, as
  // DESIGN.md says, never 1, which a CD gate may let pass as "watch items".
  // Set before the subcommands are made: they copy it when created.
  .exitOverride((error) => {
    const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    process.exit(benign.includes(error.code) ? 0 : 3);
  });

function sharedOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'exporter config file (YAML); env REALITYCHECK_CONFIG')
    .option('-i, --intent <path>', 'intent file or folder; env REALITYCHECK_INTENT')
    .option(
      '-s, --snapshot <region=path>',
      'a region read from `kubectl get ... -o json` output (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--max-age <duration>', 'snapshot data older than this is unknown; 0 disables');
}

sharedOptions(
  program
    .command('serve')
    .description('run the exporter: /metrics, /healthz, /readyz and /api/v1/findings'),
)
  .option('-l, --listen <host:port>', 'address to listen on; env REALITYCHECK_LISTEN')
  .option(
    '--shard <i/n>',
    'watch only shard i of n of each cluster, split by namespace; env REALITYCHECK_SHARD',
  )
  .option(
    '--web.config.file <file>',
    'TLS and basic auth, as Prometheus exporters take them; env REALITYCHECK_WEB_CONFIG_FILE',
  )
  .addOption(new Option('--log-level <level>', 'env REALITYCHECK_LOG_LEVEL').choices(LOG_LEVELS))
  .addOption(
    new Option('--log-format <format>', 'env REALITYCHECK_LOG_FORMAT').choices([
      'json',
      'pretty',
      'auto',
    ]),
  )
  .action(async (flags) => {
    // Commander keys the toolkit's dotted flag as written; the options use camelCase.
    const webConfigFile = flags['web.config.file'] as string | undefined;
    process.exitCode = await serveCommand({ ...flags, webConfigFile });
  });

sharedOptions(
  program
    .command('check')
    .description(
      'verify once and exit: 0 in sync, 1 watch items only, 2 action items, 3 could not run',
    ),
)
  .addOption(
    new Option('-o, --format <format>', 'output format').choices(CHECK_FORMATS).default('table'),
  )
  .action(async (flags) => {
    process.exitCode = await checkCommand(flags);
  });

program
  .command('hash')
  .description(
    'print the config hash of each workload of rendered manifests, as the exporter computes it',
  )
  .argument('<files...>', 'rendered manifests (YAML or JSON): workloads and their ConfigMaps')
  .option('-w, --workload <name>', "print only this workload's hash")
  .action(async (files: string[], flags: { workload?: string }) => {
    process.exitCode = await hashCommand(files, flags);
  });

const repeat = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('intent')
  .description('record a release in an intent file from rendered manifests and built digests')
  .argument('<manifests...>', 'rendered manifests (YAML or JSON files, or folders of them)')
  .requiredOption('-i, --intent <file>', 'the intent file to write or update')
  .requiredOption('--version <version>', 'the version of the release, e.g. 1.15.0')
  .option(
    '--image <[workload/]container=ref>',
    'a built image pinned by digest (repeatable)',
    repeat,
  )
  .option('-w, --workload <name>', 'only this workload of the manifests (repeatable)', repeat)
  .option('-n, --namespace <namespace>', 'for workloads whose manifest names no namespace')
  .option('--keep <n>', 'keep at most n releases per workload (and any a region pins)')
  .option('--released <time>', 'when the release was made (RFC 3339); default now')
  .action(async (manifests: string[], flags: IntentFlags) => {
    process.exitCode = await intentCommand(manifests, flags);
  });

await program.parseAsync(process.argv);
