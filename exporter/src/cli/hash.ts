/**
 * `realitycheck hash`: the config hash of each workload in rendered
 * manifests (`helm template`, `kustomize build`), computed by the same
 * projections and the same function as the exporter, so that a CD
 * pipeline can record it in the intent at release time.
 */
import { readFile } from 'node:fs/promises';

import type { ClusterState } from '../sources/observations.js';
import { mergeSnapshots, parseSnapshot } from '../sources/snapshot-file.js';
import { configHash } from '../verify/config/config-hash.js';
import { describeFailure } from './failure.js';

/** The config hash of one workload of the manifests. */
export interface WorkloadHash {
  kind: string;
  namespace: string;
  name: string;
  hash: string;
}

/**
 * The config hash of every workload, from the ConfigMaps of the same
 * namespace in the same manifests (rendered manifests often leave the
 * namespace out; then all are in '').
 */
export function hashWorkloads(state: ClusterState): WorkloadHash[] {
  return state.workloads.map((workload) => {
    const configMaps = new Map(
      (state.configMaps ?? [])
        .filter((c) => c.namespace === workload.namespace)
        .map((c) => [c.name, c]),
    );
    const containers = Object.values(workload.templateConfig ?? {});
    const { kind, namespace, name } = workload;
    return { kind, namespace, name, hash: configHash(containers, configMaps) };
  });
}

/** Reads and merges rendered manifest files into one state. */
export async function readManifests(files: readonly string[]): Promise<ClusterState> {
  if (files.length === 0) throw new Error('give the rendered manifests: realitycheck hash FILE...');
  const contents = await Promise.all(
    files.map(async (file) => parseSnapshot(await readManifestText(file), file)),
  );
  return mergeSnapshots(contents).state;
}

/** A manifest file's text; a missing file or a folder is named, not a bare errno. */
async function readManifestText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file}: no such file`);
    if (code === 'EISDIR') throw new Error(`${file}: is a folder; give the manifest files in it`);
    throw new Error(`${file}: cannot be read (${code ?? 'error'})`, { cause: error });
  }
}

/** Flags of `hash`. */
export interface HashFlags {
  workload?: string;
}

/** Prints `kind/namespace/name hash` lines, or one bare hash with --workload; resolves the exit status. */
export async function hashCommand(files: string[], flags: HashFlags): Promise<number> {
  try {
    const hashes = hashWorkloads(await readManifests(files));
    if (hashes.length === 0) {
      throw new Error(
        `${files.join(', ')}: no Deployment, StatefulSet, DaemonSet or Rollout to hash`,
      );
    }
    if (flags.workload !== undefined) {
      const found = hashes.filter((h) => h.name === flags.workload);
      if (found.length !== 1) {
        const names = hashes.map((h) => h.name).join(', ') || 'none';
        throw new Error(`--workload ${flags.workload}: found ${found.length}; workloads: ${names}`);
      }
      process.stdout.write(`${found[0]!.hash}\n`);
      return 0;
    }
    for (const h of hashes) {
      process.stdout.write(`${h.kind}/${h.namespace || '-'}/${h.name} ${h.hash}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`realitycheck hash: ${describeFailure(error)}\n`);
    return 3;
  }
}
