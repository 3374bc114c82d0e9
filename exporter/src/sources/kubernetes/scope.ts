/**
 * Which namespaces a source sees: include and exclude lists, and the shard
 * of this exporter when several split one cluster by namespace.
 */
import { createHash } from 'node:crypto';

/** One of `count` exporters that split a cluster by namespace; index from 0. */
export interface Shard {
  index: number;
  count: number;
}

/** The namespaces a source is asked to see. */
export interface NamespaceScope {
  /** Only these namespaces; empty or absent means all. */
  include?: readonly string[];
  /** Never these namespaces. */
  exclude?: readonly string[];
  shard?: Shard;
}

/** Parses `i/n` as given to `--shard`; undefined when the text is not of that form. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}

/**
 * The shard a namespace belongs to. A hash rather than a name range, so that
 * namespaces spread evenly whatever their names; FNV-like speed is not
 * needed because the answer is cached per namespace.
 */
export function shardOf(namespace: string, count: number): number {
  const digest = createHash('sha256').update(namespace).digest();
  return digest.readUInt32BE(0) % count;
}

/** A predicate on namespaces for one scope; remembers its answers (namespaces are few). */
export function namespaceFilter(scope: NamespaceScope): (namespace: string) => boolean {
  const include = new Set(scope.include ?? []);
  const exclude = new Set(scope.exclude ?? []);
  const cache = new Map<string, boolean>();

  return (namespace) => {
    const known = cache.get(namespace);
    if (known !== undefined) return known;
    const inScope =
      (include.size === 0 || include.has(namespace)) &&
      !exclude.has(namespace) &&
      (scope.shard === undefined || shardOf(namespace, scope.shard.count) === scope.shard.index);
    cache.set(namespace, inScope);
    return inScope;
  };
}

/**
 * The namespaces to watch one by one, or undefined to watch cluster-wide.
 * With an include list the source needs no cluster-wide permission, which
 * a namespaced Role can then grant.
 */
export function watchedNamespaces(scope: NamespaceScope): readonly (string | undefined)[] {
  const include = (scope.include ?? []).filter((ns) => namespaceFilter(scope)(ns));
  return scope.include !== undefined && scope.include.length > 0 ? include : [undefined];
}
