/**
 * A paginated list that keeps only projections: each page is parsed,
 * projected and dropped before the next is asked for, so a list of 50,000
 * pods never holds more than one page of whole objects.
 */
import { fields, text } from '../fields.js';
import { ApiError, type KubernetesApi, type Query } from './api.js';
import { SHARED_POOL } from './intern.js';
import type { ResourceDefinition, View } from './resources.js';

/**
 * Objects per page. client-go asks for 500, but a page of 500 real pods is
 * about 3 MB of JSON and 10 MB parsed, more than V8's young generation, so
 * it survives into the old generation as garbage that only a full GC frees.
 * Pages of 100 die young: measured at 50,000 pods, the heap peak fell from
 * 336 to 168 MB with no slower sync (docs/benchmarks.md).
 */
export const LIST_PAGE_SIZE = 100;

/**
 * How many times a list restarts from the first page when its continue
 * token expired (410 while paging: etcd compacted past the list's snapshot,
 * which happens when listing takes longer than the compaction interval,
 * 5 minutes by default). More restarts would not help a list that slow.
 */
export const EXPIRED_CONTINUE_RESTARTS = 2;

/** The result of a complete list: every object in scope, projected, and the version to watch from. */
export interface ListResult {
  views: Map<string, View>;
  resourceVersion: string;
  pages: number;
}

/** What a list needs besides the API. */
export interface ListRequest {
  resource: ResourceDefinition;
  path: string;
  labelSelector?: string;
  inScope: (namespace: string) => boolean;
  pageSize?: number;
}

/** The key of an object in a watcher's store. */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The namespace, name and resourceVersion of a raw object. */
export function identityOf(object: unknown): {
  namespace: string;
  name: string;
  resourceVersion?: string;
} {
  const metadata = fields(fields(object).metadata);
  const resourceVersion = text(metadata.resourceVersion);
  return {
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    ...(resourceVersion !== undefined ? { resourceVersion } : {}),
  };
}

/** Lists every page; restarts when a continue token expired; throws ApiError otherwise. */
export async function listAll(api: KubernetesApi, request: ListRequest): Promise<ListResult> {
  for (let restarts = 0; ; restarts++) {
    try {
      return await listPages(api, request);
    } catch (error) {
      const expired = error instanceof ApiError && error.code === 410;
      if (!expired || restarts >= EXPIRED_CONTINUE_RESTARTS) throw error;
    }
  }
}

async function listPages(api: KubernetesApi, request: ListRequest): Promise<ListResult> {
  const views = new Map<string, View>();
  let continueToken: string | undefined;
  let resourceVersion = '';
  let pages = 0;

  do {
    const query: Query = {
      limit: request.pageSize ?? LIST_PAGE_SIZE,
      continue: continueToken,
      labelSelector: request.labelSelector,
    };
    const page = await api.listPage(request.path, query);
    for (const item of page.items) {
      const { namespace, name } = identityOf(item);
      if (request.inScope(namespace)) {
        views.set(objectKey(namespace, name), SHARED_POOL.view(request.resource.project(item)));
      }
    }
    // Every page carries the list's snapshot version; the last one is kept.
    resourceVersion = page.resourceVersion;
    continueToken = page.continueToken;
    pages++;
  } while (continueToken !== undefined);

  return { views, resourceVersion, pages };
}
