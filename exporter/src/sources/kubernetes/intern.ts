/**
 * One copy of each repeated string in the projections. Every parsed object
 * brings its own copies of the namespace, image references, imageIDs,
 * owner names, container names and config digests, which 50,000 pods of a
 * few hundred workloads share; keeping one copy of each divides the memory
 * of the views by about three.
 */

/**
 * The pool is dropped when it holds this many strings, so that strings of
 * objects long deleted (old ReplicaSet names, old image references) cannot
 * accumulate; views keep the copies they already point at.
 */
export const INTERN_POOL_LIMIT = 200_000;

/** Keys whose values are unique per object: pooling them would only grow the pool. */
const UNIQUE_KEYS: ReadonlySet<string> = new Set(['uid', 'podIP']);

/** A pool of strings shared by the views of one process. */
export class StringPool {
  private pool = new Map<string, string>();

  /** The pooled copy of a string. */
  string(value: string): string {
    const pooled = this.pool.get(value);
    if (pooled !== undefined) return pooled;
    if (this.pool.size >= INTERN_POOL_LIMIT) this.pool = new Map();
    this.pool.set(value, value);
    return value;
  }

  /**
   * Replaces, in place, every string of a freshly projected view by its
   * pooled copy, except the object's own name and the values of UNIQUE_KEYS.
   */
  view<T extends object>(view: T): T {
    this.walk(view as Record<string, unknown>, true);
    return view;
  }

  private walk(node: Record<string, unknown> | unknown[], top: boolean): void {
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, value] of entries) {
      if (typeof value === 'string') {
        if (UNIQUE_KEYS.has(String(key)) || (top && key === 'name')) continue;
        (node as Record<string | number, unknown>)[key] = this.string(value);
      } else if (typeof value === 'object' && value !== null) {
        this.walk(value as Record<string, unknown>, false);
      }
    }
  }
}

/** The pool every source of the process shares: regions run the same releases. */
export const SHARED_POOL = new StringPool();
