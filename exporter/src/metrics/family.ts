/**
 * A metric family as a named definition: what the contract promises (name,
 * help, type, label names), kept apart from the prom-client object that is
 * built from it for each publication.
 */
import { Gauge, type Registry } from 'prom-client';

/** The Prometheus types this exporter uses. */
export type MetricType = 'gauge' | 'counter';

/** One family of the metric contract. */
export interface FamilyDefinition<L extends string = string> {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly labelNames: readonly L[];
}

/** Registers a gauge built from its definition; throws when the definition is not a gauge. */
export function registerGauge<L extends string>(
  definition: FamilyDefinition<L>,
  registry: Registry,
): Gauge<L> {
  if (definition.type !== 'gauge') {
    throw new Error(`family ${definition.name} is a ${definition.type}, not a gauge`);
  }
  return new Gauge<L>({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    registers: [registry],
  });
}

/** Epoch milliseconds, as the engine keeps time, to the seconds of `_timestamp_seconds`. */
export function toSeconds(epochMillis: number): number {
  return epochMillis / 1000;
}
