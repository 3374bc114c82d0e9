/**
 * A ConfigMap's contents over time, as only a watch can see them: every
 * change of content with the time it was first seen. The engine needs it
 * for a ConfigMap changed back to its old content, where pods that started
 * before the first change run the current content again.
 */
import type { ConfigMapView, ContentRevision } from '../config-views.js';

/**
 * Revisions kept per ConfigMap. Only the ones newer than the oldest running
 * pod matter, and pods rarely outlive a handful of config changes.
 */
export const MAX_CONTENT_REVISIONS = 8;

/**
 * The next view with the history carried over from the previous one, and a
 * new revision when the content changed. The first view of an object starts
 * no history: its earlier contents are unknown, not absent.
 */
export function carryContentHistory(
  previous: ConfigMapView | undefined,
  next: ConfigMapView,
  now: number,
): ConfigMapView {
  if (previous === undefined) return next;
  const earlier: ContentRevision[] = previous.history ?? [
    { contentHash: previous.contentHash, from: previous.changedAt ?? now },
  ];
  if (previous.contentHash === next.contentHash) {
    return previous.history === undefined ? next : { ...next, history: previous.history };
  }
  const revision = { contentHash: next.contentHash, from: next.changedAt ?? now };
  return { ...next, history: [...earlier, revision].slice(-MAX_CONTENT_REVISIONS) };
}
