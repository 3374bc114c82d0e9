/**
 * The reported layer: asks each ready instance of every probed workload,
 * on an interval, what it runs. Probes of all regions share one concurrency
 * limit and start spread over a short window. A probe that fails is data: the
 * instance's report is `ok: false` (the engine calls it unknown, never
 * drift), the failure is counted, and one log line per workload says so
 * until its instances answer again.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Intent } from '../intent/model.js';
import type { Logger } from '../log/logger.js';
import type { ProbeStatus } from '../metrics/probes.js';
import type { InstanceReportView } from './config-views.js';
import type { ClusterState } from './observations.js';
import { getReport, type ProbeRequest } from './probe-http.js';
import { readReport } from './probe-report.js';
import { probeTargets, type ProbeTarget } from './probe-targets.js';
import { ProbeTally } from './probe-tally.js';

/** How often instances are asked unless configured: reports change only with a deploy or a flag flip. */
export const DEFAULT_PROBE_INTERVAL_MS = 30_000;

/**
 * At most this many probes in flight across all regions: enough to ask a few
 * thousand instances well within an interval at the default timeout, few
 * enough that the exporter never holds more sockets than a small service.
 */
export const MAX_CONCURRENT_PROBES = 32;

/**
 * Probes of one round start spread over up to this long (and at most a third
 * of the interval), so that a large workload is not asked all at once on
 * every tick, and several exporters watching one cluster do not synchronise.
 */
export const MAX_PROBE_SPREAD_MS = 10_000;

/** One region's last good state, as its source holds it. */
export interface ProbedRegion {
  region: string;
  /** Absent while the region is blind: nothing is asked there. */
  state?: ClusterState;
}

/** What the prober needs. */
export interface InstanceProberOptions {
  intent: () => Intent;
  regions: () => readonly ProbedRegion[];
  logger: Logger;
  /** Called after every round, so that the publisher evaluates the new reports. */
  onChange: () => void;
  intervalMs: number;
  concurrency?: number;
  maxSpreadMs?: number;
  /** 0 <= x < 1; tests pass a constant to start every probe at once. */
  random?: () => number;
  now?: () => number;
  get?: (request: ProbeRequest) => Promise<string>;
}

interface KeptReport {
  uid: string;
  report: InstanceReportView;
}

/** Probes instances on an interval and keeps the last report of each. */
export class InstanceProber {
  private reports = new Map<string, Map<string, KeptReport>>();
  private readonly tally: ProbeTally;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: InstanceProberOptions) {
    this.tally = new ProbeTally(options.logger);
  }

  /** Probes now, without spreading, then every interval; resolves after the first round. */
  async start(): Promise<void> {
    await this.round(0);
    if (this.stopping.signal.aborted) return;
    this.timer = setInterval(() => void this.round(this.spreadMs()), this.options.intervalMs);
  }

  /** Stops probing; a round in flight skips the probes it has not started. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.inFlight;
  }

  /**
   * The last reports of a region's pods that are still the same pods (by
   * uid): a report of a pod that was replaced under the same name is dropped.
   */
  reportsFor(region: string, state: ClusterState): InstanceReportView[] {
    const kept = this.reports.get(region);
    if (kept === undefined) return [];
    return state.pods.flatMap((pod) => {
      const entry = kept.get(`${pod.namespace}/${pod.name}`);
      return entry !== undefined && entry.uid === pod.uid ? [entry.report] : [];
    });
  }

  /** Failures per probed workload, for the metrics. */
  status(): ProbeStatus[] {
    return this.tally.status();
  }

  /** One round over every region; a round still running when the next is due is not doubled. */
  round(spreadMs = this.spreadMs()): Promise<void> {
    this.inFlight ??= this.probeAll(spreadMs).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private spreadMs(): number {
    return Math.min(this.options.maxSpreadMs ?? MAX_PROBE_SPREAD_MS, this.options.intervalMs / 3);
  }

  private async probeAll(spreadMs: number): Promise<void> {
    const intent = this.options.intent();
    const targets = this.options
      .regions()
      .flatMap(({ region, state }) => (state ? probeTargets(intent, region, state) : []));
    const results = await this.probeLimited(targets, spreadMs);
    if (this.stopping.signal.aborted) return;

    const reports = new Map<string, Map<string, KeptReport>>();
    targets.forEach((target, i) => {
      const report = results[i];
      if (report === undefined) return;
      const region = reports.get(target.region) ?? new Map<string, KeptReport>();
      region.set(`${target.namespace}/${target.pod}`, { uid: target.uid, report });
      reports.set(target.region, region);
    });
    this.reports = reports;
    this.tally.record(targets, results);
    this.options.onChange();
  }

  /**
   * Probes every target with at most `concurrency` in flight, each starting
   * no earlier than its random offset within the spread.
   */
  private async probeLimited(
    targets: readonly ProbeTarget[],
    spreadMs: number,
  ): Promise<(InstanceReportView | undefined)[]> {
    const random = this.options.random ?? Math.random;
    const started = Date.now();
    const offsets = targets.map(() => Math.floor(random() * spreadMs));
    const order = targets.map((_t, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
    const results: (InstanceReportView | undefined)[] = targets.map(() => undefined);

    let next = 0;
    const worker = async () => {
      while (next < order.length && !this.stopping.signal.aborted) {
        const index = order[next++]!;
        const wait = started + offsets[index]! - Date.now();
        if (wait > 0 && !(await this.pause(wait))) return;
        results[index] = await this.probe(targets[index]!);
      }
    };
    const workers = Math.min(this.options.concurrency ?? MAX_CONCURRENT_PROBES, targets.length);
    await Promise.all(Array.from({ length: workers }, worker));
    return results;
  }

  /** Waits, or returns false at once when the prober stops. */
  private async pause(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  private async probe(target: ProbeTarget): Promise<InstanceReportView> {
    const { probe } = target;
    const base = { namespace: target.namespace, pod: target.pod };
    const now = this.options.now ?? Date.now;
    try {
      const body = await (this.options.get ?? getReport)({
        host: target.podIP,
        port: probe.port,
        path: probe.path,
        timeoutMs: probe.timeoutMs,
      });
      return { ...base, at: now(), ok: true, ...readReport(body, probe.format) };
    } catch (error) {
      return { ...base, at: now(), ok: false, error: (error as Error).message ?? String(error) };
    }
  }
}
