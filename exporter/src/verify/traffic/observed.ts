/**
 * The observed layer as the engine receives it: each backend's share of the
 * requests a region's Prometheus counted. The engine never queries; the
 * runtime does, and hands the answers in as data.
 */
import type { Shares } from './weights.js';

/** Why the observed share of a service is not known. */
export type ObservedUnknownReason =
  /** The query failed: Prometheus down, an error, or an answer that is not a vector. */
  | 'QueryFailed'
  /** Fewer requests in the window than the configured minimum: a share would be noise. */
  | 'TooFewRequests'
  /** The service has not been queried yet (the exporter just started, or the intent just changed). */
  | 'NotQueried';

/** What the region's Prometheus says about one service. */
export type ObservedService =
  | { state: 'ok'; shares: Shares; requests: number; at: number }
  | { state: 'unknown'; reason: ObservedUnknownReason; detail: string };

/** The observed layer of one region, keyed by `namespace/service`. */
export interface ObservedRegionTraffic {
  services: Readonly<Record<string, ObservedService>>;
}

/** The key of a service in ObservedRegionTraffic. */
export function serviceKey(namespace: string, service: string): string {
  return `${namespace}/${service}`;
}
