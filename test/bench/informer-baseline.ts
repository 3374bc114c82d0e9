/**
 * The baseline the live source is compared with: client-node's own
 * informers, which keep every whole object in their cache, over the same
 * fleet. Prints one JSON line: time to sync, RSS and heap after sync.
 * Run by kubernetes.ts with a kubeconfig of its own: KUBECONFIG=... CONTEXTS=a,b
 */
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  type KubernetesObject,
} from '@kubernetes/client-node';

/** One informer per kind and context; resolves when every initial list is in. */
async function main(): Promise<void> {
  const contexts = (process.env.CONTEXTS ?? '').split(',');
  const started = performance.now();
  const informers = contexts.flatMap((context) => {
    const config = new KubeConfig();
    config.loadFromFile(process.env.KUBECONFIG ?? '');
    config.setCurrentContext(context);
    const core = config.makeApiClient(CoreV1Api);
    const apps = config.makeApiClient(AppsV1Api);
    return [
      makeInformer<KubernetesObject>(config, '/api/v1/pods', () => core.listPodForAllNamespaces()),
      makeInformer<KubernetesObject>(config, '/apis/apps/v1/replicasets', () =>
        apps.listReplicaSetForAllNamespaces(),
      ),
      makeInformer<KubernetesObject>(config, '/apis/apps/v1/deployments', () =>
        apps.listDeploymentForAllNamespaces(),
      ),
    ];
  });
  await Promise.all(informers.map((informer) => informer.start()));
  const syncMs = performance.now() - started;

  // Let the event loop settle, as the exporter's figures are taken a moment after sync.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const objects = informers.reduce((sum, informer) => sum + informer.list().length, 0);
  const memory = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ syncMs, objects, rss: memory.rss, heapUsed: memory.heapUsed })}\n`,
  );
  process.exit(0);
}

await main();
