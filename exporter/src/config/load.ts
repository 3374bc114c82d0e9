/**
 * Reads the exporter config file. Synchronous: it is read once, at
 * start-up, before anything else runs.
 */
import { readFileSync } from 'node:fs';

import { ProblemsError, type Problem } from '../intent/errors.js';
import { YamlSource } from '../intent/yaml-source.js';
import { configFileSchema, type ConfigFile } from './schema.js';

/** The config file is missing or invalid; every problem found is listed. */
export class ConfigError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('invalid config', problems);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file; throws ConfigError naming file, line, column and field. */
export function loadConfigFile(file: string): ConfigFile {
  const parsed = YamlSource.parse(readText(file), file);
  if (!parsed.ok) throw new ConfigError(parsed.problems);

  const validated = parsed.value.validate(configFileSchema);
  if (!validated.ok) throw new ConfigError(validated.problems);
  return validated.value;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such file; give --config FILE or REALITYCHECK_CONFIG'
        : code === 'EISDIR'
          ? 'is a folder; the config is one YAML file'
          : `cannot read the file: ${code ?? String(error)}`;
    throw new ConfigError([{ file, path: '', message }]);
  }
}
