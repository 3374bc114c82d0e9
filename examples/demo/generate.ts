/**
 * Writes the demo: an intent and, per step of the story, one kubectl
 * snapshot per region (only where the region changed since the step
 * before). Run it with `npx tsx examples/demo/generate.ts`; the output is
 * committed, so the demo itself needs no generator.
 *
 * The story, one step every 20 seconds, with a 2 minute rollout grace:
 * - checkout 1.15.0 rolls out: eu-west finishes at step 4, us-east at 6;
 * - ap-south's new pods crash-loop and the rollout gets stuck at step 4;
 * - edge-fra still declares and runs 1.13.0, two releases behind;
 * - in us-east, a hand-built cart image appears on cart-2 at step 3.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  daemonSetStack,
  deploymentConditions,
  deploymentStack,
  digest,
  pinnedImage,
  kubectlList,
  statefulSetStack,
  type KubeObject,
} from '../../exporter/src/sources/testing/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REGIONS = ['eu-west', 'us-east', 'ap-south', 'edge-fra'] as const;
type Region = (typeof REGIONS)[number];
const STEPS = 9;

const image = pinnedImage;
const CHECKOUT = {
  v15: image('shop/checkout', '1.15.0'),
  v14: image('shop/checkout', '1.14.2'),
  v13: image('shop/checkout', '1.13.0'),
};
const CART = { v231: image('shop/cart', '2.3.1'), v230: image('shop/cart', '2.3.0') };
const AGENT = image('platform/node-agent', '0.9.4');
const HOTFIX = `reg.example.test/shop/cart@${digest('cart built by hand')}`;

/** New checkout pods per step, of 4; undefined keeps the old release only. */
const CHECKOUT_NEW: Record<Region, number[]> = {
  'eu-west': [0, 1, 2, 3, 4, 4, 4, 4, 4],
  'us-east': [0, 0, 1, 1, 2, 3, 4, 4, 4],
  'ap-south': [0, 1, 1, 1, 1, 1, 1, 1, 1],
  'edge-fra': [0, 0, 0, 0, 0, 0, 0, 0, 0],
};

function checkout(region: Region, step: number): KubeObject[] {
  if (region === 'edge-fra') {
    return deploymentStack({ name: 'checkout', revisions: [{ image: CHECKOUT.v13, pods: 3 }] });
  }
  const fresh = CHECKOUT_NEW[region][step] ?? 0;
  const crashing = region === 'ap-south';
  const stuck = crashing && step >= 4;
  return deploymentStack({
    name: 'checkout',
    revisions: [
      { image: CHECKOUT.v14, pods: 4 - (crashing ? 0 : fresh) },
      ...(fresh > 0 || step > 0
        ? [
            {
              image: CHECKOUT.v15,
              pods: fresh,
              ...(crashing
                ? {
                    container: {
                      state: 'waiting' as const,
                      reason: 'CrashLoopBackOff',
                      ready: false,
                      restartCount: step + 2,
                    },
                  }
                : {}),
            },
          ]
        : []),
    ],
    deployment: {
      replicas: 4,
      ...(stuck ? { conditions: deploymentConditions.stuck('checkout') } : {}),
      ...(crashing ? { availableReplicas: 4, readyReplicas: 4 } : {}),
    },
  });
}

function cart(region: Region, step: number): KubeObject[] {
  const objects = statefulSetStack({
    name: 'cart',
    revisions: [{ image: CART.v230 }, { image: CART.v231 }],
    podRevisions: [1, 1, 1],
  });
  if (region === 'us-east' && step >= 3) replaceImageId(objects, 'cart-2', HOTFIX);
  return objects;
}

function nodeAgent(): KubeObject[] {
  return daemonSetStack({
    namespace: 'platform',
    name: 'node-agent',
    revisions: [{ image: AGENT }],
    podRevisions: [0, 0, 0],
  });
}

/** Makes a pod report another image, as a hand-made `kubectl set image` on a pod would not, but a node-local build does. */
function replaceImageId(objects: KubeObject[], podName: string, imageID: string): void {
  const target = objects.find(
    (o) => o.kind === 'Pod' && (o.metadata as KubeObject).name === podName,
  );
  const statuses = ((target?.status as KubeObject | undefined)?.containerStatuses ??
    []) as KubeObject[];
  for (const status of statuses) status.imageID = imageID;
}

function intentYaml(): string {
  return `# The demo intent: what should run in every region. See README.md.
apiVersion: realitycheck/v1
kind: Intent
defaults:
  rolloutGrace: 2m
  staleAfterReleases: 2
workloads:
  - name: checkout
    namespace: shop
    kind: Deployment
    releases:
      - version: 1.15.0
        containers:
          app: { image: ${CHECKOUT.v15}, platforms: [] }
      - version: 1.14.2
        containers:
          app: { image: ${CHECKOUT.v14}, platforms: [] }
      - version: 1.13.0
        containers:
          app: { image: ${CHECKOUT.v13}, platforms: [] }
  - name: cart
    namespace: shop
    kind: StatefulSet
    releases:
      - version: 2.3.1
        containers:
          app: { image: ${CART.v231}, platforms: [] }
      - version: 2.3.0
        containers:
          app: { image: ${CART.v230}, platforms: [] }
  - name: node-agent
    namespace: platform
    kind: DaemonSet
    releases:
      - version: 0.9.4
        containers:
          app: { image: ${AGENT}, platforms: [] }
`;
}

function main(): void {
  const framesDir = join(HERE, 'frames');
  rmSync(framesDir, { recursive: true, force: true });
  writeFileSync(join(HERE, 'intent.yaml'), intentYaml());

  const previous = new Map<Region, string>();
  for (let step = 0; step < STEPS; step++) {
    for (const region of REGIONS) {
      const text = `${JSON.stringify(kubectlList([...checkout(region, step), ...cart(region, step), ...nodeAgent()]), null, 1)}\n`;
      if (previous.get(region) === text) continue;
      previous.set(region, text);
      const file = join(framesDir, String(step).padStart(2, '0'), `${region}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
}

main();
