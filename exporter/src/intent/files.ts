/**
 * Which files make up the intent, and their state on disk: one file, or
 * every `*.yaml` / `*.yml` file of a folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

import { IntentError } from './errors.js';

/** A file of the intent as last seen on disk. */
export interface IntentFileStat {
  file: string;
  mtimeMs: number;
  size: number;
  /** Changes on an atomic rename even when size and mtime happen to match. */
  ino: number;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/**
 * Lists and stats the intent's files, sorted by name. Throws IntentError
 * for a missing path or a folder without YAML files.
 */
export async function statIntentFiles(path: string): Promise<IntentFileStat[]> {
  const top = await statOrExplain(path);
  if (!top.isDirectory()) return [toStat(path, top)];

  const entries = await readdir(path);
  const stats: IntentFileStat[] = [];
  // Hidden entries are skipped: a mounted ConfigMap keeps its real files in
  // `..data` and `..<timestamp>` folders, reached through symlinks we do read.
  for (const name of entries.sort()) {
    if (name.startsWith('.') || !YAML_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const file = join(path, name);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) stats.push(toStat(file, info));
  }
  if (stats.length === 0) {
    throw new IntentError([
      { file: path, path: '', message: 'the folder has no *.yaml or *.yml files' },
    ]);
  }
  return stats;
}

/** A string that changes whenever a file of the intent changes, appears or goes. */
export function fingerprint(stats: readonly IntentFileStat[]): string {
  return stats.map((s) => `${s.file}\u0000${s.ino}\u0000${s.mtimeMs}\u0000${s.size}`).join('\n');
}

async function statOrExplain(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such file or folder; give an intent file or a folder of them'
        : `cannot read: ${code ?? String(error)}`;
    throw new IntentError([{ file: path, path: '', message }]);
  }
}

function toStat(file: string, info: { mtimeMs: number; size: number; ino: number }) {
  return { file, mtimeMs: info.mtimeMs, size: info.size, ino: info.ino };
}
