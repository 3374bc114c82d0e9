/**
 * Field cases F01-F07 of shared/cases: images, digests and which containers
 * are instances at all.
 */
import { describe, expect, it } from 'vitest';

import { evaluate } from './evaluate.js';
import type { Evaluation } from './evaluation.js';
import {
  cluster,
  container,
  DA,
  DB,
  DC,
  DI,
  deployment,
  history,
  intentOf,
  NOW,
  observed,
  pod,
  R,
  release,
  workload,
} from './testing/builders.js';
import type { IntendedWorkload } from '../intent/model.js';
import type { PodView } from '../sources/observations.js';

function run(
  intended: IntendedWorkload,
  pods: PodView[],
  image = `${R}@${DA}`,
  sidecars: Record<string, string> = {},
): Evaluation {
  const state = cluster([deployment(image, { images: { app: image, ...sidecars } })], pods);
  return evaluate({ intent: intentOf([intended]), regions: [observed(state)], now: NOW });
}

function counts(evaluation: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of evaluation.workloads[0]!.instances) {
    const key = `${i.releasesBehind}:${i.version}`;
    out[key] = (out[key] ?? 0) + i.count;
  }
  return out;
}

function classes(evaluation: Evaluation): string[] {
  return evaluation.findings.map((f) => `${f.class}/${f.reason}/${f.instances}`);
}

describe('F01: imageID forms differ by runtime', () => {
  const result = run(workload(history()), [
    pod([container(`docker-pullable://${R}@${DA}`)]),
    pod([container(`${R}@${DA}`)]),
    pod([container(`docker://${DC}`)]),
  ]);

  it('matches docker-pullable:// and repo@digest forms with the intent', () => {
    expect(counts(result)).toEqual({ '0:1.15.0': 2, 'unknown:': 1 });
  });

  it('reports a local image-config id as unknown, not drift', () => {
    expect(classes(result)).toEqual(['unknown/NoManifestDigest/1']);
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({ app: 0 });
  });

  it('counts an imageID that parses as nothing without breaking', () => {
    const odd = run(workload(history()), [pod([container('%%not-an-image%%')])]);
    expect(odd.workloads[0]!.unparsedImageIds).toBe(1);
    expect(classes(odd)).toEqual(['unknown/UnparsableImageID/1']);
  });
});

describe('F02/F03: identity comes from the digest, never the tag or status.image', () => {
  it('matches a pod whose status.image shows another tag of the same digest', () => {
    const moved = container(`${R}@${DA}`, { specImage: `${R}:latest` });
    const result = run(workload(history()), [pod([moved])]);
    expect(classes(result)).toEqual([]);
  });

  it('matches name:tag@digest intent with a repo@digest imageID after the tag moved', () => {
    const intended = workload([release('1.4', `${R}:1.4@${DA}`, { platforms: [] })]);
    const result = run(intended, [pod([container(`${R}@${DA}`)])], `${R}:1.4`);
    expect(classes(result)).toEqual([]);
    expect(counts(result)).toEqual({ '0:1.4': 1 });
  });
});

describe('F04: multi-arch releases', () => {
  const platforms = [DA, DB];
  const multiArch = (listed: boolean) =>
    workload([
      release('2.0.0', `${R}@${DI}`, listed ? { platforms } : {}),
      release('1.9.0', `${R}@${DD_OLD}`, { platforms: [] }),
    ]);
  const DD_OLD = `sha256:${'d'.repeat(64)}`;
  const pods = () => [
    pod([container(`${R}@${DI}`)]),
    pod([container(`${R}@${DB}`)]),
    pod([container(`${R}@${DC}`)]),
  ];

  it('matches the index and any listed platform digest; another digest is unexpected', () => {
    const result = run(multiArch(true), pods(), `${R}@${DI}`);
    expect(counts(result)).toEqual({ '0:2.0.0': 2, 'unexpected:': 1 });
    expect(classes(result)).toEqual(['unexpected/UnknownDigest/1']);
  });

  it('without listed platforms, reports other digests of the repository as unknown with a hint', () => {
    const result = run(multiArch(false), pods(), `${R}@${DI}`);
    expect(classes(result)).toEqual(['unknown/PossiblePlatformDigest/2']);
    expect(result.findings[0]!.message).toContain('platforms');
  });

  it('without listed platforms, still reports a digest of another repository as unexpected', () => {
    const other = pod([container(`reg.example.test/other/thing@${DC}`)]);
    const result = run(multiArch(false), [other], `${R}@${DI}`);
    expect(classes(result)).toEqual(['unexpected/UnknownDigest/1']);
  });
});

describe('F05: not started, crash-looping', () => {
  it('counts a container without imageID as pending, never compared', () => {
    const pulling = container('', {
      state: 'waiting',
      stateReason: 'ImagePullBackOff',
      ready: false,
    });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), pod([pulling])]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1, 'pending:': 1 });
    expect(classes(result)).toEqual([]);
  });

  it('does not count a crash-looping instance of the new release as serving it', () => {
    const crashing = container(`${R}@${DA}`, {
      state: 'waiting',
      stateReason: 'CrashLoopBackOff',
      ready: false,
      restartCount: 7,
    });
    const old = container(`${R}@${DB}`);
    const result = run(workload(history(5 * 60_000)), [pod([crashing]), pod([old])]);
    expect(counts(result)).toEqual({ 'pending:1.15.0': 1, '1:1.14.2': 1 });
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({ app: 1 });
  });

  it('counts a crash-looping unexpected digest in the ratio, as its instance label says', () => {
    const rogue = container(`${R}@${DC.replace('c', 'f')}`, {
      state: 'waiting',
      stateReason: 'CrashLoopBackOff',
      ready: false,
    });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), pod([rogue])]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1, 'unexpected:': 1 });
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({ app: 0.5 });
  });

  it('reports a workload where nothing serves as drift after the grace period', () => {
    const pulling = container('', {
      state: 'waiting',
      stateReason: 'ImagePullBackOff',
      ready: false,
    });
    const result = run(workload(history()), [pod([pulling]), pod([{ ...pulling }])]);
    expect(classes(result)).toEqual(['drift/NoServingInstances/2']);
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({});
  });
});

describe('F06: containers that are not the workload', () => {
  const sidecar = (imageID: string) =>
    container(imageID, { name: 'istio-proxy', specImage: 'docker.io/istio/proxyv2:1.22.0' });

  it('never compares a mesh proxy injected at admission', () => {
    const result = run(workload(history()), [
      pod([container(`${R}@${DA}`), sidecar(`istio/proxyv2@${DC}`)]),
    ]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1 });
  });

  it('ignores completed init containers and ephemeral debug containers', () => {
    const init = container(`${R}@${DC}`, { role: 'init', state: 'terminated', ready: false });
    const debug = container(`busybox@${DC}`, { name: 'debugger', role: 'ephemeral' });
    const result = run(workload(history()), [pod([init, container(`${R}@${DA}`), debug])]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1 });
  });

  it('counts a native sidecar (init container with restartPolicy Always) as serving', () => {
    const withSidecar = workload([
      {
        ...release('1.15.0', `${R}@${DA}`, { platforms: [] }),
        containers: {
          ...release('1.15.0', `${R}@${DA}`, { platforms: [] }).containers,
          ...release('1.15.0', `${R}@${DB}`, { platforms: [], container: 'log-shipper' })
            .containers,
        },
      },
    ]);
    const shipper = container(`${R}@${DC}`, { name: 'log-shipper', role: 'sidecar' });
    const pods = [pod([container(`${R}@${DA}`), shipper])];
    const result = run(withSidecar, pods, `${R}@${DA}`, { 'log-shipper': `${R}@${DB}` });
    expect(result.workloads[0]!.digestMismatchRatio).toEqual({ app: 0, 'log-shipper': 1 });
    expect(classes(result)).toEqual(['unexpected/UnknownDigest/1']);
  });
});

describe('F07: finished and terminating pods', () => {
  it('excludes Succeeded pods from the running share', () => {
    const done = pod([container(`${R}@${DC}`, { state: 'terminated', ready: false })], {
      phase: 'Succeeded',
    });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), done]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1 });
  });

  it('excludes pods owned by a Job even when they run', () => {
    const job = pod([container(`${R}@${DC}`)], { owner: { kind: 'Job', name: 'migrate' } });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), job]);
    expect(counts(result)).toEqual({ '0:1.15.0': 1 });
  });

  it('reports an old terminating pod as draining within its grace period', () => {
    const old = pod([container(`${R}@${DB}`)], { deletionTimestamp: NOW + 20_000 });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), old]);
    expect(classes(result)).toEqual(['converging/Draining/1']);
  });

  it('reports it as drift once its grace period has passed', () => {
    const old = pod([container(`${R}@${DB}`)], { deletionTimestamp: NOW - 60_000 });
    const result = run(workload(history()), [pod([container(`${R}@${DA}`)]), old]);
    expect(classes(result)).toEqual(['drift/TerminationOverdue/1']);
  });
});
