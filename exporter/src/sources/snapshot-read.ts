/**
 * Reading a snapshot path from disk: one file, or a folder of them merged.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  mergeSnapshots,
  parseSnapshot,
  SnapshotError,
  type SnapshotContents,
} from './snapshot-file.js';
import type { SecretProjectionOptions } from './project-configmap.js';

/**
 * Attempts before a read counts as failed. Writers replace snapshots by
 * truncating and rewriting in place (the file is empty or cut short for a
 * moment) or by renaming a new file over the old one (it is missing for a
 * moment); a second look a little later usually finds the whole file.
 */
export const READ_ATTEMPTS = 3;

/** Pause between attempts: long enough for a writer to finish a dump of some megabytes. */
export const READ_RETRY_DELAY_MS = 250;

/** Files of a folder that are read; others (READMEs, editors' backups) are ignored. */
export const SNAPSHOT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/** A file of a snapshot path, with what identifies its version. */
interface SnapshotFile {
  path: string;
  mtimeMs: number;
  size: number;
}

/** What one successful read of a snapshot path found. */
export interface SnapshotRead extends SnapshotContents {
  /** The newest modification time of the files read: when the data was fresh. */
  lastSync: number;
  /** Names, mtimes and sizes of the files read; a change means the snapshot changed. */
  fingerprint: string;
}

/**
 * The files of a snapshot path: the path itself, or the snapshot files of a
 * folder sorted by name. Hidden files are skipped, because atomic writers
 * and editors put their temporary files there (`.dump.json.tmp`).
 */
async function snapshotFiles(path: string): Promise<SnapshotFile[]> {
  const info = await statOrExplain(path);
  if (!info.isDirectory()) return [{ path, mtimeMs: info.mtimeMs, size: info.size }];

  const names = (await readdir(path))
    .filter((name) => !name.startsWith('.') && SNAPSHOT_EXTENSIONS.includes(extname(name)))
    .sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const file = join(path, name);
      const fileInfo = await statOrExplain(file);
      return {
        path: file,
        mtimeMs: fileInfo.mtimeMs,
        size: fileInfo.size,
        isFile: fileInfo.isFile(),
      };
    }),
  );
  return files.filter((file) => file.isFile).map(({ isFile: _, ...file }) => file);
}

async function statOrExplain(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw explainFsError(path, error);
  }
}

function fingerprintOf(files: SnapshotFile[]): string {
  return files.map((file) => `${basename(file.path)}:${file.mtimeMs}:${file.size}`).join('|');
}

/**
 * A fingerprint of the path's current files, cheap enough to take every
 * poll; a path that cannot be listed gives a fingerprint of the failure, so
 * that its appearance later counts as a change.
 */
export async function snapshotFingerprint(path: string): Promise<string> {
  try {
    return fingerprintOf(await snapshotFiles(path));
  } catch (error) {
    return `unreadable:${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads and merges every file of a snapshot path once; throws a SnapshotError. */
export async function readSnapshotPath(
  path: string,
  options: SecretProjectionOptions = {},
): Promise<SnapshotRead> {
  const files = await snapshotFiles(path);
  if (files.length === 0) {
    throw new SnapshotError(
      path,
      `the folder holds no ${SNAPSHOT_EXTENSIONS.join(', ')} files; put kubectl output there`,
    );
  }

  const contents: SnapshotContents[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file.path, 'utf8');
    } catch (error) {
      throw explainFsError(file.path, error);
    }
    contents.push(parseSnapshot(source, file.path, options));
  }

  const lastSync = Math.max(...files.map((file) => file.mtimeMs));
  return {
    ...mergeSnapshots(contents),
    lastSync: Math.floor(lastSync),
    fingerprint: fingerprintOf(files),
  };
}

/** Like readSnapshotPath, but looks again a few times before giving up (see READ_ATTEMPTS). */
export async function readSnapshotWithRetries(
  path: string,
  options: SecretProjectionOptions = {},
): Promise<SnapshotRead> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readSnapshotPath(path, options);
    } catch (error) {
      if (attempt >= READ_ATTEMPTS) throw error;
      await sleep(READ_RETRY_DELAY_MS);
    }
  }
}

function explainFsError(path: string, error: unknown): SnapshotError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem =
    code === 'ENOENT'
      ? 'does not exist; check the snapshot path configured for this region'
      : code === 'EACCES'
        ? 'cannot be read: permission denied'
        : `cannot be read: ${code ?? (error instanceof Error ? error.message : String(error))}`;
  return new SnapshotError(path, problem, { cause: error });
}
