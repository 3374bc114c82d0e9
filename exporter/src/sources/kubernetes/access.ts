/**
 * Where a region's Kubernetes credentials come from, and its name for
 * people. Apart from kubeconfig.ts so that naming a region does not load
 * the client library (about half a second of start-up) when no region
 * watches a cluster.
 */

/** Where a region's credentials come from. */
export interface ClusterAccess {
  /** Use the service account the exporter's pod runs as. */
  inCluster?: boolean;
  /** A kubeconfig file; default: `$KUBECONFIG`, then `~/.kube/config`. */
  kubeconfig?: string;
  /** A context of that file; default: its current context. */
  context?: string;
}

/** The source name shown to people: `kubernetes:in-cluster` or `kubernetes:<context>`. */
export function kubernetesSourceName(access: ClusterAccess): string {
  if (access.inCluster === true) return 'kubernetes:in-cluster';
  return `kubernetes:${access.context ?? 'current-context'}`;
}
