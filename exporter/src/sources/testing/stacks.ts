/**
 * Whole workloads in one call: the workload, its ReplicaSets or
 * ControllerRevisions, and its pods, consistent with each other (names,
 * labels, owner references, counts). Field-case tests start here and
 * override what the case is about.
 */
import { FIXTURE_NAMESPACE, safeSuffix, type KubeObject } from './objects.js';
import { pod, type ContainerFixture } from './pods.js';
import {
  controllerRevision,
  daemonSet,
  statefulSet,
  type DaemonSetOptions,
  type StatefulSetOptions,
} from './stateful.js';
import {
  deployment,
  deploymentConditions,
  replicaSet,
  templateHashOf,
  type DeploymentOptions,
  type TemplateContainer,
  type TemplateOptions,
} from './workloads.js';

/** One template revision of a workload, and how its pods' containers report. */
export interface RevisionFixture extends TemplateOptions {
  /** Merged into every container of this revision's pods: `imageID`, `state`, `reason`, `ready`. */
  container?: Partial<ContainerFixture>;
}

/** A revision of a Deployment with the number of pods it still runs. */
export interface DeploymentRevisionFixture extends RevisionFixture {
  pods: number;
}

/** Options of deploymentStack(). */
export interface DeploymentStackOptions {
  namespace?: string;
  name: string;
  /** Oldest first; the last is the Deployment's current template. */
  revisions: DeploymentRevisionFixture[];
  /** Overrides of the Deployment: counts, conditions, generation, paused. */
  deployment?: Partial<DeploymentOptions>;
}

function serving(revision: RevisionFixture): TemplateContainer[] {
  if (revision.containers !== undefined) return revision.containers;
  if (revision.image !== undefined) return [{ name: 'app', image: revision.image }];
  throw new Error('a revision fixture needs `image` or `containers`');
}

function podContainers(revision: RevisionFixture): ContainerFixture[] {
  return serving(revision).map((c) => ({ ...c, ...revision.container }));
}

/** Init containers of a revision's pods: ordinary ones completed, native sidecars running. */
function podInitContainers(revision: RevisionFixture): ContainerFixture[] | undefined {
  return revision.initContainers?.map((c) => ({ ...c }));
}

/**
 * A Deployment, one ReplicaSet per revision (revision numbers 1, 2, ...) and
 * the pods of each. Counts default to the pods given: replicas is their sum,
 * updatedReplicas the newest revision's; conditions say complete when only
 * the newest revision has pods, progressing otherwise.
 */
export function deploymentStack(options: DeploymentStackOptions): KubeObject[] {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const newest = options.revisions[options.revisions.length - 1];
  if (newest === undefined) throw new Error('deploymentStack needs at least one revision');
  const total = options.revisions.reduce((sum, revision) => sum + revision.pods, 0);
  const newestHash = templateHashOf(newest);
  const rollingOut = options.revisions.slice(0, -1).some((revision) => revision.pods > 0);
  const conditions = rollingOut ? deploymentConditions.progressing : deploymentConditions.complete;

  const objects: KubeObject[] = [
    deployment({
      namespace,
      name: options.name,
      containers: serving(newest),
      initContainers: newest.initContainers,
      replicas: total,
      updatedReplicas: newest.pods,
      revision: options.revisions.length,
      conditions: conditions(`${options.name}-${newestHash}`),
      ...options.deployment,
    }),
  ];
  options.revisions.forEach((revision, index) => {
    objects.push(...replicaSetWithPods(options.name, namespace, revision, index + 1));
  });
  return objects;
}

/** One revision's ReplicaSet and its pods, spread over three nodes. */
function replicaSetWithPods(
  deploymentName: string,
  namespace: string,
  revision: DeploymentRevisionFixture,
  number: number,
): KubeObject[] {
  const hash = templateHashOf(revision);
  const rsName = `${deploymentName}-${hash}`;
  const rs = replicaSet({
    ...revision,
    namespace,
    deployment: deploymentName,
    revision: number,
    replicas: revision.pods,
  });

  const pods = Array.from({ length: revision.pods }, (_, i) =>
    pod({
      namespace,
      name: `${rsName}-${safeSuffix(`${rsName}/${i}`, 5)}`,
      labels: { app: deploymentName },
      templateHash: hash,
      owner: { kind: 'ReplicaSet', name: rsName },
      containers: podContainers(revision),
      initContainers: podInitContainers(revision),
      nodeName: `node-${i % 3}`,
    }),
  );
  return [rs, ...pods];
}

/** Options of statefulSetStack() and daemonSetStack(). */
export interface RevisionedStackOptions {
  namespace?: string;
  name: string;
  /** Oldest first; the last is the update revision. */
  revisions: RevisionFixture[];
  /** For each pod (by ordinal, or by node for a DaemonSet), the index of the revision it runs. */
  podRevisions: number[];
}

function revisionOf(options: RevisionedStackOptions, index: number): RevisionFixture {
  const revision = options.revisions[index];
  if (revision === undefined)
    throw new Error(`no revision ${index} in ${options.name}'s revisions`);
  return revision;
}

function historyOf(
  kind: 'StatefulSet' | 'DaemonSet',
  options: RevisionedStackOptions,
): KubeObject[] {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  return options.revisions.map((revision, index) =>
    controllerRevision({
      ...revision,
      namespace,
      owner: { kind, name: options.name },
      revision: index + 1,
    }),
  );
}

/**
 * A StatefulSet, one ControllerRevision per revision, and pods `<name>-0`,
 * `<name>-1`, ... Pods' `controller-revision-hash` holds the revision's full
 * name, as the StatefulSet controller writes it. currentRevision is the
 * oldest revision any pod still runs; override counts through `statefulSet`.
 */
export function statefulSetStack(
  options: RevisionedStackOptions & { statefulSet?: Partial<StatefulSetOptions> },
): KubeObject[] {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const newestIndex = options.revisions.length - 1;
  const names = options.revisions.map((revision) => `${options.name}-${templateHashOf(revision)}`);
  const oldestRunning = Math.min(...options.podRevisions, newestIndex);

  const workload = statefulSet({
    namespace,
    name: options.name,
    ...revisionOf(options, newestIndex),
    replicas: options.podRevisions.length,
    updatedReplicas: options.podRevisions.filter((index) => index === newestIndex).length,
    currentRevision: names[oldestRunning],
    updateRevision: names[newestIndex],
    ...options.statefulSet,
  });
  const pods = options.podRevisions.map((index, ordinal) =>
    pod({
      namespace,
      name: `${options.name}-${ordinal}`,
      labels: { app: options.name, 'apps.kubernetes.io/pod-index': String(ordinal) },
      revisionHash: names[index],
      owner: { kind: 'StatefulSet', name: options.name },
      containers: podContainers(revisionOf(options, index)),
      initContainers: podInitContainers(revisionOf(options, index)),
      nodeName: `node-${ordinal % 3}`,
    }),
  );
  return [workload, ...historyOf('StatefulSet', options), ...pods];
}

/**
 * A DaemonSet, one ControllerRevision per revision, and one pod per node.
 * Unlike a StatefulSet's, a DaemonSet pod's `controller-revision-hash` holds
 * only the hash suffix of the revision's name.
 */
export function daemonSetStack(
  options: RevisionedStackOptions & { daemonSet?: Partial<DaemonSetOptions> },
): KubeObject[] {
  const namespace = options.namespace ?? FIXTURE_NAMESPACE;
  const newestIndex = options.revisions.length - 1;

  const workload = daemonSet({
    namespace,
    name: options.name,
    ...revisionOf(options, newestIndex),
    desired: options.podRevisions.length,
    updated: options.podRevisions.filter((index) => index === newestIndex).length,
    ...options.daemonSet,
  });
  const pods = options.podRevisions.map((index, node) => {
    const revision = revisionOf(options, index);
    return pod({
      namespace,
      name: `${options.name}-${safeSuffix(`${options.name}/${node}`, 5)}`,
      labels: { app: options.name },
      revisionHash: templateHashOf(revision),
      owner: { kind: 'DaemonSet', name: options.name },
      containers: podContainers(revision),
      initContainers: podInitContainers(revision),
      nodeName: `node-${node}`,
    });
  });
  return [workload, ...historyOf('DaemonSet', options), ...pods];
}
