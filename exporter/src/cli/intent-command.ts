/**
 * `realitycheck intent`: records a release in an intent file at release
 * time, from rendered manifests (`helm template`, `kustomize build`) and the
 * digests the build produced. The config hash is the one `realitycheck hash`
 * prints for the same manifests; the file is edited in place.
 */
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { mergeSnapshots, parseSnapshot, SnapshotError } from '../sources/snapshot-file.js';
import { describeFailure } from './failure.js';
import { applyReleases, type ExistingIntent } from './intent-document.js';
import {
  IntentInputError,
  keyOf,
  parseImageFlag,
  releasesOf,
  type ReleaseEntry,
} from './intent-release.js';

/** Flags of `intent`, as commander parses them. */
export interface IntentFlags {
  intent: string;
  version: string;
  image?: string[];
  workload?: string[];
  namespace?: string;
  keep?: string;
  released?: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Writes the release into the intent file and prints what changed; resolves the exit status. */
export async function intentCommand(
  inputs: string[],
  flags: IntentFlags,
  now: () => number = Date.now,
): Promise<number> {
  try {
    const keep = flags.keep !== undefined ? parseKeep(flags.keep) : undefined;
    const entries = await releasesFromManifests(inputs, flags, now);
    const existing = await readExisting(flags.intent);
    const { text, changes } = applyReleases(flags.intent, existing, entries, keep);
    await writeAtomically(flags.intent, text);

    changes.forEach((change, i) => {
      const entry = entries[i]!;
      const dropped = change.trimmed.length > 0 ? `; dropped ${change.trimmed.join(', ')}` : '';
      process.stdout.write(
        `${keyOf(entry)}: ${change.action} ${entry.release.version} (config ${entry.release.config})${dropped}\n`,
      );
    });
    return 0;
  } catch (error) {
    process.stderr.write(`realitycheck intent: ${describeFailure(error)}\n`);
    return 3;
  }
}

/** Reads the manifests and builds the release of each selected workload. */
export async function releasesFromManifests(
  inputs: readonly string[],
  flags: IntentFlags,
  now: () => number = Date.now,
): Promise<ReleaseEntry[]> {
  const found = (await Promise.all(inputs.map(manifestFiles))).flat();
  const read = await Promise.all(found.map(readManifest));
  const contents = read.flatMap((r) => (r !== undefined ? [r.contents] : []));
  const origin = new Map<string, string>();
  for (const r of read) r?.contents.state.workloads.forEach((w) => origin.set(keyOf(w), r.file));

  // The same merge as `realitycheck hash` (hash.ts readManifests), so the hashes agree.
  return releasesOf(mergeSnapshots(contents).state, origin, {
    version: flags.version,
    released: parseReleased(flags.released, now),
    images: (flags.image ?? []).map(parseImageFlag),
    workloads: flags.workload ?? [],
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
  });
}

interface ManifestFile {
  file: string;
  /** Found in a folder rather than named on the command line. */
  inFolder: boolean;
}

/** A file as given, or every YAML and JSON file under a folder, in name order. */
async function manifestFiles(path: string): Promise<ManifestFile[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new IntentInputError(`${path}: cannot read the manifests (${error.code ?? error})`);
  });
  if (!info.isDirectory()) return [{ file: path, inFolder: false }];

  const names = await readdir(path, { recursive: true, withFileTypes: true });
  const files = names
    .filter((entry) => entry.isFile() && MANIFEST_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0) throw new IntentInputError(`${path}: no .yaml, .yml or .json files`);
  return files.map((file) => ({ file, inFolder: true }));
}

/**
 * Parses one manifest file as `realitycheck hash` does. A chart renders
 * Services, Ingresses and empty templates into files of their own; found in
 * a folder, such a file is skipped, while one named on the command line is
 * still an error.
 */
async function readManifest({ file, inFolder }: ManifestFile) {
  const text = await readFile(file, 'utf8');
  try {
    return { file, contents: parseSnapshot(text, file) };
  } catch (error) {
    const irrelevant = /none of the kinds|the file is empty/.test(String(error));
    if (inFolder && error instanceof SnapshotError && irrelevant) return undefined;
    throw error;
  }
}

function parseKeep(value: string): number {
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1) {
    throw new IntentInputError(`--keep ${value}: expected a whole number of releases, 1 or more`);
  }
  return keep;
}

/** `--released` as given (RFC 3339), else now to the second. */
function parseReleased(value: string | undefined, now: () => number): string {
  if (value === undefined) return new Date(now()).toISOString().replace(/\.\d+Z$/, 'Z');
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new IntentInputError(
      `--released ${value}: expected an RFC 3339 time such as 2026-11-30T12:00:00Z`,
    );
  }
  return value;
}

async function readExisting(file: string): Promise<ExistingIntent | undefined> {
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IntentInputError(`${file}: cannot read the intent (${describeFailure(error)})`);
  }
}

/**
 * Write, then rename over the file: the exporter hot-reloads the intent and
 * must never read half of it.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  const isFolder = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new Error(`--intent ${file}: the folder ${folder} does not exist`);
  const temporary = join(folder, `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}
