/**
 * Loads the intent from a file or a folder of files into the Intent model.
 * Pure of logging: every problem of every file is collected into one
 * IntentError, each naming file, line, column and field.
 */
import { readFile } from 'node:fs/promises';

import { IntentError, formatLocation, type Problem } from './errors.js';
import { statIntentFiles } from './files.js';
import type { IntendedWorkload, Intent } from './model.js';
import { normaliseIntentFile, workloadKey } from './normalise.js';
import { INTENT_API_VERSION, INTENT_KIND, intentFileSchema, type IntentFile } from './schema.js';
import { YamlSource, type Validated } from './yaml-source.js';

/** Options of loadIntent. */
export interface LoadIntentOptions {
  /** The clock; `loadedAt` comes from it. */
  now?: () => number;
}

/**
 * Loads and validates the intent at `path` (a file, or a folder whose
 * `*.yaml` and `*.yml` files are merged). Every version counts as first
 * seen at the newest file's mtime, since the CD pipeline writes the intent
 * when it releases. Throws IntentError listing every problem found.
 */
export async function loadIntent(path: string, options: LoadIntentOptions = {}): Promise<Intent> {
  const stats = await statIntentFiles(path);
  const newestMtime = Math.max(...stats.map((s) => s.mtimeMs));

  const problems: Problem[] = [];
  const workloads: IntendedWorkload[] = [];
  const sources = new Map<string, YamlSource>();
  for (const { file } of stats) {
    const parsed = parseIntentText(await readText(file, problems), file);
    if (!parsed.ok) problems.push(...parsed.problems);
    else {
      sources.set(file, parsed.source);
      workloads.push(...normaliseIntentFile(parsed.value, file, Math.floor(newestMtime)));
    }
  }
  problems.push(...duplicateWorkloads(workloads, sources));

  if (problems.length > 0) throw new IntentError(problems);
  return { workloads, files: stats.map((s) => s.file), loadedAt: (options.now ?? Date.now)() };
}

/** A parsed intent file and where its fields are. */
export type ParsedIntentFile = { ok: true; value: IntentFile; source: YamlSource };

/** Parses and validates the text of one intent file; never throws. */
export function parseIntentText(
  text: string | undefined,
  file: string,
): ParsedIntentFile | { ok: false; problems: Problem[] } {
  if (text === undefined) return { ok: false, problems: [] };
  const parsed = YamlSource.parse(text, file);
  if (!parsed.ok) return parsed;

  const source = parsed.value;
  const header = headerProblems(source);
  if (header.length > 0) return { ok: false, problems: header };

  const validated: Validated<IntentFile> = source.validate(intentFileSchema);
  return validated.ok ? { ok: true, value: validated.value, source } : validated;
}

async function readText(file: string, problems: Problem[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    problems.push({ file, path: '', message: `cannot read the file: ${code}` });
    return undefined;
  }
}

/**
 * A file whose apiVersion or kind is wrong is some other document (a
 * Kubernetes manifest, a config file); its other fields would only bury
 * the one problem that matters, so only these two are reported.
 */
function headerProblems(source: YamlSource): Problem[] {
  const data = source.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];

  const problems: Problem[] = [];
  const expected = { apiVersion: INTENT_API_VERSION, kind: INTENT_KIND };
  for (const [field, want] of Object.entries(expected)) {
    const value = (data as Record<string, unknown>)[field];
    if (value === want) continue;
    const got = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
    const message =
      value === undefined
        ? `required field is missing; expected "${want}" (is this a realitycheck intent file?)`
        : `expected "${want}", got ${got} (is this a realitycheck intent file?)`;
    problems.push(source.problemAt([field], message));
  }
  return problems;
}

function duplicateWorkloads(
  workloads: IntendedWorkload[],
  sources: Map<string, YamlSource>,
): Problem[] {
  const first = new Map<string, Problem>();
  const problems: Problem[] = [];
  const indexInFile = new Map<string, number>();

  for (const workload of workloads) {
    const index = indexInFile.get(workload.file) ?? 0;
    indexInFile.set(workload.file, index + 1);
    const source = sources.get(workload.file) as YamlSource;
    const here = source.problemAt(['workloads', index, 'name'], '');

    const key = workloadKey(workload);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, here);
    else {
      const message = `workload ${key} is defined twice: here and at ${formatLocation(earlier)}; a workload belongs to one file`;
      problems.push({ ...here, message });
    }
  }
  return problems;
}
