/**
 * ReplicaSet -> ReplicaSetView: the link between a Deployment and its pods,
 * and the template that one revision of the Deployment declared.
 */
import {
  annotation,
  controllerOf,
  epochMs,
  fields,
  integer,
  label,
  text,
  withoutUndefined,
} from './fields.js';
import type { ReplicaSetView } from './observations.js';
import { templateImages } from './pod-template.js';
import { POD_TEMPLATE_HASH_LABEL } from './project-pod.js';

/** The Deployment controller numbers its ReplicaSets in this annotation, newest highest. */
export const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/**
 * The API server defaults `spec.replicas` to 1 when a manifest omits it, so
 * an object without the field (written by hand, or a test fixture) means 1.
 */
export const DEFAULT_REPLICAS = 1;

/** Projects a ReplicaSet, given as plain JSON or as a client-node `V1ReplicaSet`. */
export function projectReplicaSet(object: unknown): ReplicaSetView {
  const replicaSet = fields(object);
  const metadata = fields(replicaSet.metadata);
  const spec = fields(replicaSet.spec);
  const revision = integer(annotation(metadata, DEPLOYMENT_REVISION_ANNOTATION));

  return withoutUndefined({
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    owner: controllerOf(metadata),
    templateHash: label(metadata, POD_TEMPLATE_HASH_LABEL),
    revision,
    createdAt: epochMs(metadata.creationTimestamp),
    replicas: integer(spec.replicas) ?? DEFAULT_REPLICAS,
    images: templateImages(spec.template),
  });
}
