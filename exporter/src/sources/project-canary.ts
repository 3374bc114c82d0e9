/**
 * An Argo Rollout's canary traffic split: which backends it moves traffic
 * between and the canary's current weight.
 * https://argo-rollouts.readthedocs.io/en/stable/features/canary/
 */
import { fields, integer, objects, text, withoutUndefined, type Fields } from './fields.js';
import type { CanaryView } from './observations.js';

/**
 * The canary view of a Rollout's spec and status, or undefined when its
 * strategy is not canary. With `trafficRouting.istio.destinationRule` the
 * Rollout splits by subset, so the subsets name the backends; otherwise the
 * stable and canary Services do, as a Gateway API backendRef would.
 */
export function projectCanary(spec: Fields, status: Fields): CanaryView | undefined {
  const strategy = fields(spec.strategy);
  if (!('canary' in strategy)) return undefined;
  const canary = fields(strategy.canary);
  const routing = fields(canary.trafficRouting);
  const subsets = fields(fields(routing.istio).destinationRule);

  return withoutUndefined({
    stableBackend: text(subsets.stableSubsetName) ?? text(canary.stableService),
    canaryBackend: text(subsets.canarySubsetName) ?? text(canary.canaryService),
    weight: canaryWeight(canary, status),
    managesRoute: Object.keys(routing).length > 0,
  });
}

/**
 * Argo reports the weight it set under `status.canary.weights` (v1.2 on);
 * older controllers leave it out, and then the weight is the last
 * `setWeight` of the steps already taken. A finished rollout sends nothing
 * to the canary: its pods have become the stable ones.
 */
function canaryWeight(canary: Fields, status: Fields): number | undefined {
  const reported = integer(fields(fields(fields(status.canary).weights).canary).weight);
  if (reported !== undefined) return reported;

  const steps = objects(canary.steps);
  const index = integer(status.currentStepIndex);
  if (index === undefined) return undefined;
  if (index >= steps.length) return 0;
  const taken = steps.slice(0, index).flatMap((step) => {
    const weight = integer(step.setWeight);
    return weight === undefined ? [] : [weight];
  });
  return taken.at(-1) ?? 0;
}
