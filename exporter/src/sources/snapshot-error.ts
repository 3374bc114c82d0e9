/** Errors of snapshot reading, and the command whose output a snapshot is. */
/** The command whose output a snapshot is; named in errors so that users know how to fix them. */
export const KUBECTL_SNAPSHOT_COMMAND =
  'kubectl get pods,replicasets,deployments,statefulsets,daemonsets,controllerrevisions,configmaps -A -o json';

/** A snapshot that cannot be read: names the file, what is wrong and how to fix it. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';

  constructor(
    /** The file that is wrong. */
    readonly file: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${problem}`, options);
  }
}
