/**
 * Writes releases into an intent file's YAML, editing the document in place
 * so that comments, key order and formatting of everything else survive.
 * The file is checked by the intent loader's own parser before and after:
 * a broken file is never edited, and nothing is written that the exporter
 * would refuse.
 */
import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';

import { IntentError } from '../intent/errors.js';
import { parseIntentText } from '../intent/load.js';
import { INTENT_API_VERSION, INTENT_KIND } from '../intent/schema.js';
import type { ReleaseEntry } from './intent-release.js';

/** The intent file as it is, or undefined when it does not exist yet. */
export interface ExistingIntent {
  file: string;
  text: string;
}

/** What happened to one workload, for the command's summary. */
export interface ReleaseChange {
  workload: string;
  action: 'added workload' | 'added release' | 'replaced release';
  /** Versions dropped by `keep`. */
  trimmed: string[];
}

/**
 * Puts each entry's release at the head of its workload's history (adding
 * the workload when the file has none of that name), keeping at most `keep`
 * releases. Returns the new text; throws IntentError naming file, line and
 * field when the existing file or the result is not a valid intent.
 */
export function applyReleases(
  file: string,
  existing: ExistingIntent | undefined,
  entries: readonly ReleaseEntry[],
  keep?: number,
): { text: string; changes: ReleaseChange[] } {
  if (existing !== undefined) {
    const parsed = parseIntentText(existing.text, existing.file);
    if (!parsed.ok) throw new IntentError(parsed.problems);
  }
  const doc = existing !== undefined ? parseDocument(existing.text) : newDocument();
  const workloads = doc.get('workloads', true);
  if (!isSeq(workloads)) throw new Error(`${file}: workloads is not a list`);

  const changes = entries.map((entry) => applyOne(doc, workloads, entry, keep));
  const text = doc.toString({ lineWidth: 0 });
  const result = parseIntentText(text, file);
  if (!result.ok) throw new IntentError(result.problems);
  return { text, changes };
}

function newDocument(): Document {
  return new Document({ apiVersion: INTENT_API_VERSION, kind: INTENT_KIND, workloads: [] });
}

function applyOne(
  doc: Document,
  workloads: YAMLSeq,
  entry: ReleaseEntry,
  keep: number | undefined,
): ReleaseChange {
  const existing = workloads.items.find((item) => isMap(item) && sameWorkload(item, entry));
  if (!isMap(existing)) {
    const { kind, namespace, name, release } = entry;
    workloads.items.push(doc.createNode({ name, namespace, kind, releases: [release] }));
    return { workload: name, action: 'added workload', trimmed: [] };
  }

  const releases = existing.get('releases', true);
  // The loader accepted the file, so releases is a list.
  if (!isSeq(releases)) throw new Error(`workload ${entry.name}: releases is not a list`);
  const head = releases.items[0];
  const node = doc.createNode(entry.release) as YAMLMap;
  carryIntentDecisions(isMap(head) ? head : undefined, node);

  const before = releases.items.length;
  releases.items = releases.items.filter(
    (item) => !(isMap(item) && String(item.get('version')) === entry.release.version),
  );
  const replaced = releases.items.length < before;
  releases.items.unshift(node);
  const trimmed = keep !== undefined ? trim(existing, releases, keep) : [];
  return { workload: entry.name, action: replaced ? 'replaced release' : 'added release', trimmed };
}

function sameWorkload(item: YAMLMap, entry: ReleaseEntry): boolean {
  const kind = item.get('kind');
  return (
    item.get('name') === entry.name &&
    item.get('namespace') === entry.namespace &&
    (kind === undefined || kind === entry.kind)
  );
}

/**
 * `env` and `flags` are decisions of the people who own the intent, not
 * outputs of the build: a new release keeps those of the release before.
 */
function carryIntentDecisions(previous: YAMLMap | undefined, release: YAMLMap): void {
  for (const key of ['env', 'flags']) {
    const value = previous?.get(key, true);
    if (value !== undefined && !release.has(key)) {
      release.set(key, typeof value === 'object' && 'clone' in value ? value.clone() : value);
    }
  }
}

/**
 * Keeps the newest `keep` releases, and any older one that a region pins
 * (`regions.<name>.release`): dropping it would make the file invalid.
 */
function trim(workload: YAMLMap, releases: YAMLSeq, keep: number): string[] {
  const regions = workload.get('regions', true);
  const pinned = new Set<string>();
  if (isMap(regions)) {
    for (const pair of regions.items) {
      const release = isMap(pair.value) ? pair.value.get('release') : undefined;
      if (release !== undefined) pinned.add(String(release));
    }
  }
  const trimmed: string[] = [];
  releases.items = releases.items.filter((item, index) => {
    const version = isMap(item) ? String(item.get('version')) : '';
    if (index < keep || pinned.has(version)) return true;
    trimmed.push(version);
    return false;
  });
  return trimmed;
}
