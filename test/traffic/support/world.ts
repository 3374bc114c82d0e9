/**
 * The world of the traffic end-to-end tests, written to a temporary folder:
 * a kubectl snapshot with checkout (a Deployment on 1.15.0) and its
 * VirtualService declaring 100/0, the intent, and the exporter config.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  deploymentStack,
  digest,
  kubectlList,
  virtualService,
} from '../../../exporter/src/sources/testing/index.js';

const IMAGE = `reg.example.test/shop/checkout:1.15.0@${digest('shop/checkout 1.15.0')}`;

/** What the world is made of. */
export interface WorldOptions {
  /** The region's `prometheus:` section as YAML flow mapping, e.g. `{ url: http://... }`. */
  prometheus: string;
  /** When the VirtualService's spec was written: the start of the settle window. */
  routeChangedAt: Date;
  settle: string;
}

/** A folder holding the files; remove() deletes it. */
export interface World {
  dir: string;
  config: string;
  remove(): void;
}

/** Writes the world and returns the config path to pass to `serve --config`. */
export function writeWorld(options: WorldOptions): World {
  const dir = mkdtempSync(join(tmpdir(), 'realitycheck-traffic-'));
  const route = virtualService({
    name: 'checkout',
    changedAt: options.routeChangedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    rules: [
      {
        destinations: [
          { host: 'checkout', subset: 'v15', weight: 100 },
          { host: 'checkout', subset: 'v14', weight: 0 },
        ],
      },
    ],
  });
  const checkout = deploymentStack({ name: 'checkout', revisions: [{ image: IMAGE, pods: 2 }] });
  writeFileSync(join(dir, 'eu-west.json'), JSON.stringify(kubectlList([...checkout, route])));
  writeFileSync(join(dir, 'intent.yaml'), intentYaml(options.settle));
  writeFileSync(join(dir, 'config.yaml'), configYaml(options.prometheus));
  return {
    dir,
    config: join(dir, 'config.yaml'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function intentYaml(settle: string): string {
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
          app: { image: ${IMAGE} }
    traffic:
      service: checkout
      backends: { v15: 100, v14: 0 }
      settle: ${settle}
`;
}

function configYaml(prometheus: string): string {
  return `intent: intent.yaml
evaluateInterval: 500ms
regions:
  - name: eu-west
    snapshot: { path: eu-west.json, maxAge: 0s }
    prometheus: ${prometheus}
`;
}
