/**
 * What a pod template declares: the images of the containers that serve.
 */
import { fields, objects, text } from './fields.js';

/**
 * An init container with `restartPolicy: Always` is a native sidecar
 * (Kubernetes 1.28+): it keeps running beside the main containers and serves,
 * unlike an ordinary init container that runs to completion first.
 */
export function isNativeSidecar(container: unknown): boolean {
  return fields(container).restartPolicy === 'Always';
}

/**
 * Template images by container name: `spec.containers` and native-sidecar
 * init containers. Ordinary init containers are left out because they are
 * not serving instances and a release does not name them.
 */
export function templateImages(template: unknown): Record<string, string> {
  const spec = fields(fields(template).spec);
  const serving = [
    ...objects(spec.containers),
    ...objects(spec.initContainers).filter(isNativeSidecar),
  ];

  const entries: [string, string][] = [];
  for (const container of serving) {
    const name = text(container.name);
    const image = text(container.image);
    if (name !== undefined && image !== undefined) entries.push([name, image]);
  }
  return Object.fromEntries(entries);
}
