import { describe, expect, it } from 'vitest';

import { blindingKinds, unreadableFinding } from './partial-visibility.js';

describe('blindingKinds', () => {
  it.each([
    ['Deployment', ['ControllerRevision'], []],
    ['StatefulSet', ['ControllerRevision'], ['ControllerRevision']],
    ['DaemonSet', ['ReplicaSet', 'Pod'], ['Pod']],
    ['Deployment', ['ReplicaSet'], ['ReplicaSet']],
    [undefined, ['Rollout'], ['Rollout']],
    ['Deployment', [], []],
  ] as const)('a %s with %j unreadable is blinded by %j', (kind, unreadable, expected) => {
    expect(blindingKinds(kind === undefined ? {} : { kind }, unreadable)).toEqual(expected);
  });
});

describe('unreadableFinding', () => {
  it('is an unknown watch item naming the kinds and the fix', () => {
    const finding = unreadableFinding('eu-west', { namespace: 'shop', name: 'cart' }, ['Pod']);

    expect(finding).toMatchObject({
      class: 'unknown',
      severity: 'watch',
      reason: 'SourceForbidden',
    });
    expect(finding.message).toContain('may not read Pod');
  });
});
