/**
 * Fixture builders: realistic Kubernetes objects as `kubectl get -o json`
 * prints them, for tests of the sources, the engine and the demo.
 *
 *     kubectlList([
 *       ...deploymentStack({ name: 'api', revisions: [
 *         { image: 'reg.example.test/shop/api:1.3', pods: 3 },
 *         { image: 'reg.example.test/shop/api:1.4', pods: 1 },
 *       ], deployment: { conditions: deploymentConditions.stuck() } }),
 *     ])
 *
 * This folder is excluded from the build: test code only.
 */
export * from './objects.js';
export * from './pods.js';
export * from './workloads.js';
export * from './stateful.js';
export * from './stacks.js';
export * from './routes.js';
export * from './config.js';
