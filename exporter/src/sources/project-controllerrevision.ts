/**
 * ControllerRevision -> ControllerRevisionView: one entry of a StatefulSet's
 * or DaemonSet's template history.
 *
 * A StatefulSet pod's `controller-revision-hash` label holds the revision's
 * full name (`web-6c5d8f7b9`); a DaemonSet pod's holds only the hash suffix
 * (`6c5d8f7b9`), so matching a pod to its revision must try both.
 */
import { controllerOf, epochMs, fields, integer, text, withoutUndefined } from './fields.js';
import type { ControllerRevisionView } from './observations.js';

/** Projects a ControllerRevision, given as plain JSON or as a client-node model. */
export function projectControllerRevision(object: unknown): ControllerRevisionView {
  const revision = fields(object);
  const metadata = fields(revision.metadata);

  return withoutUndefined({
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    owner: controllerOf(metadata),
    // `revision` is an int64 at the top level of the object, not in spec.
    revision: integer(revision.revision) ?? 0,
    createdAt: epochMs(metadata.creationTimestamp),
  });
}
