/**
 * The cluster state the Kubernetes tests serve: a Deployment mid-rollout, a
 * StatefulSet and a DaemonSet, built with the exporter's fixture builders so
 * that the same objects can also be written as a kubectl snapshot, and the
 * intent that names their releases.
 */
import {
  daemonSetStack,
  deploymentStack,
  pinnedImage,
  statefulSetStack,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';

const image = pinnedImage;

/** Images of the fixture releases, pinned by digest. */
export const IMAGES = {
  checkoutOld: image('shop/checkout', '1.14.2'),
  checkoutNew: image('shop/checkout', '1.15.0'),
  cart: image('shop/cart', '2.0.0'),
  agent: image('infra/agent', '0.9.0'),
};

/** Every object of the fixture cluster; `oldCheckoutPods` pods of checkout still on 1.14.2. */
export function fixtureObjects(oldCheckoutPods = 1): KubeObject[] {
  return [
    ...deploymentStack({
      name: 'checkout',
      revisions: [
        { image: IMAGES.checkoutOld, pods: oldCheckoutPods },
        { image: IMAGES.checkoutNew, pods: 3 },
      ],
    }),
    ...statefulSetStack({
      name: 'cart',
      revisions: [{ image: IMAGES.cart }],
      podRevisions: [0, 0],
    }),
    ...daemonSetStack({
      namespace: 'infra',
      name: 'agent',
      revisions: [{ image: IMAGES.agent }],
      podRevisions: [0, 0],
    }),
  ];
}

/** The fixture objects' pods. */
export function fixturePods(objects: KubeObject[]): KubeObject[] {
  return objects.filter((o) => o.kind === 'Pod');
}

/** The pods of checkout's old ReplicaSet. */
export function oldCheckoutPods(objects: KubeObject[]): KubeObject[] {
  return fixturePods(objects).filter((pod) =>
    JSON.stringify(pod).includes(IMAGES.checkoutOld.split('@')[0]!),
  );
}

/** The intent for the fixture: checkout 1.15.0, cart 2.0.0, agent 0.9.0. */
export function intentYaml(): string {
  return `apiVersion: realitycheck/v1
kind: Intent
workloads:
  - name: checkout
    namespace: shop
    kind: Deployment
    releases:
      - version: 1.15.0
        released: 2026-11-01T12:00:00Z
        containers:
          app: { image: ${IMAGES.checkoutNew} }
      - version: 1.14.2
        containers:
          app: { image: ${IMAGES.checkoutOld} }
  - name: cart
    namespace: shop
    kind: StatefulSet
    releases:
      - version: 2.0.0
        containers:
          app: { image: ${IMAGES.cart} }
  - name: agent
    namespace: infra
    kind: DaemonSet
    releases:
      - version: 0.9.0
        containers:
          app: { image: ${IMAGES.agent} }
`;
}
