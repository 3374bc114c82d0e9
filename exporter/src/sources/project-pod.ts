/**
 * Pod -> PodView: which containers a pod runs, from which image, in which state.
 *
 * Only the fields the checks need are copied. Args and annotations never
 * enter the view; env and volumes enter only as references, digests and
 * booleans (project-config.ts), so no secret or config value can leak from
 * it into metrics, logs or the JSON API.
 */
import {
  annotation,
  controllerOf,
  count,
  epochMs,
  fields,
  flag,
  label,
  objects,
  text,
  withoutUndefined,
  type Fields,
} from './fields.js';
import type { ContainerRole, ContainerState, ContainerView, PodView } from './observations.js';
import { isNativeSidecar } from './pod-template.js';
import { CONFIG_CHECKSUM_ANNOTATION, projectContainerConfig } from './project-config.js';

/** Label a Deployment's ReplicaSet puts on its pods (and its own selector). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** Label a StatefulSet or DaemonSet puts on its pods, naming their ControllerRevision. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** Projects a Pod, given as plain JSON or as a client-node `V1Pod`. */
export function projectPod(object: unknown): PodView {
  const pod = fields(object);
  const metadata = fields(pod.metadata);
  const spec = fields(pod.spec);
  const status = fields(pod.status);

  return withoutUndefined({
    namespace: text(metadata.namespace) ?? '',
    name: text(metadata.name) ?? '',
    uid: text(metadata.uid) ?? '',
    // A pod without status has not been seen by the scheduler or kubelet yet.
    phase: text(status.phase) ?? 'Unknown',
    owner: controllerOf(metadata),
    templateHash: label(metadata, POD_TEMPLATE_HASH_LABEL),
    revisionHash: label(metadata, CONTROLLER_REVISION_HASH_LABEL),
    startTime: epochMs(status.startTime),
    deletionTimestamp: epochMs(metadata.deletionTimestamp),
    containers: projectContainers(spec, status),
    podIP: text(status.podIP),
    configChecksum: annotation(metadata, CONFIG_CHECKSUM_ANNOTATION),
  });
}

function projectContainers(spec: Fields, status: Fields): ContainerView[] {
  const main = objects(spec.containers).map((container) =>
    projectContainer(container, 'main', status.containerStatuses, spec),
  );
  const init = objects(spec.initContainers).map((container) =>
    projectContainer(
      container,
      isNativeSidecar(container) ? 'sidecar' : 'init',
      status.initContainerStatuses,
      spec,
    ),
  );
  const ephemeral = objects(spec.ephemeralContainers).map((container) =>
    projectContainer(container, 'ephemeral', status.ephemeralContainerStatuses, spec),
  );
  return [...main, ...init, ...ephemeral];
}

function projectContainer(
  container: Fields,
  role: ContainerRole,
  statuses: unknown,
  podSpec: Fields,
): ContainerView {
  const name = text(container.name) ?? '';
  // Statuses are reported in their own order, not the spec's: join them by name.
  const status = objects(statuses).find((candidate) => candidate.name === name);
  const state = stateOf(status);

  return withoutUndefined({
    name,
    role,
    specImage: text(container.image) ?? '',
    imageID: text(status?.imageID) ?? '',
    ready: flag(status?.ready),
    state: state.state,
    stateReason: state.reason,
    restartCount: count(status?.restartCount),
    config: projectContainerConfig(container, podSpec),
  });
}

/**
 * The container's current state. The API sets exactly one of running,
 * waiting and terminated; a container with no status entry yet (the kubelet
 * has not reported it) is absent.
 */
function stateOf(status: Fields | undefined): { state: ContainerState; reason?: string } {
  if (status === undefined) return { state: 'absent' };
  const state = fields(status.state);

  if (state.running !== undefined && state.running !== null) return { state: 'running' };
  if (state.waiting !== undefined && state.waiting !== null) {
    return { state: 'waiting', reason: text(fields(state.waiting).reason) };
  }
  if (state.terminated !== undefined && state.terminated !== null) {
    return { state: 'terminated', reason: text(fields(state.terminated).reason) };
  }
  return { state: 'absent' };
}
