/**
 * Builds the client-node KubeConfig of a region: a kubeconfig file and
 * context, or the pod's own service account (in-cluster).
 */
import { KubeConfig } from '@kubernetes/client-node';

import type { ClusterAccess } from './access.js';

export { kubernetesSourceName, type ClusterAccess } from './access.js';

/** Loads the KubeConfig; throws, naming the file or context, when it cannot. */
export function loadKubeConfig(access: ClusterAccess): KubeConfig {
  const config = new KubeConfig();
  if (access.inCluster === true) {
    config.loadFromCluster();
    return config;
  }
  if (access.kubeconfig !== undefined) config.loadFromFile(access.kubeconfig);
  else config.loadFromDefault();

  if (access.context !== undefined) {
    if (config.getContextObject(access.context) === null) {
      const known = config.getContexts().map((c) => c.name);
      throw new Error(
        `context "${access.context}" is not in the kubeconfig; it has: ${known.join(', ') || 'none'}`,
      );
    }
    config.setCurrentContext(access.context);
  }
  if (config.getCurrentCluster() === null) {
    throw new Error('the kubeconfig names no cluster for its current context');
  }
  return config;
}
