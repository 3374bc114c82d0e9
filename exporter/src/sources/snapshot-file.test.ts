import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { mergeSnapshots, parseSnapshot, SnapshotError } from './snapshot-file.js';
import { deploymentStack, kubectlList, pod, statefulSetStack } from './testing/index.js';

const R = 'reg.example.test/shop/api';
const FILE = '/snapshots/eu-west.json';

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'api-cfg', namespace: 'shop' },
  data: { MODE: 'fast' },
};

function dump() {
  return kubectlList([
    ...deploymentStack({
      name: 'api',
      revisions: [
        { image: `${R}:1.3`, pods: 1 },
        { image: `${R}:1.4`, pods: 2 },
      ],
    }),
    ...statefulSetStack({ name: 'db', revisions: [{ image: `${R}-db:1` }], podRevisions: [0, 0] }),
    configMap,
  ]);
}

describe('parseSnapshot', () => {
  it('reads the output of kubectl get -A -o json into a cluster state', () => {
    const { state, skipped } = parseSnapshot(JSON.stringify(dump()), FILE);

    expect(state.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual([
      'Deployment/api',
      'StatefulSet/db',
    ]);
    expect(state.replicaSets).toHaveLength(2);
    expect(state.controllerRevisions).toHaveLength(1);
    expect(state.pods).toHaveLength(5);
    expect(state.configMaps?.map((c) => c.name)).toEqual(['api-cfg']);
    expect(skipped).toEqual({});
  });

  it('reads -o yaml output like the same JSON', () => {
    const fromYaml = parseSnapshot(stringify(dump()), '/snapshots/eu-west.yaml');
    expect(fromYaml).toEqual(parseSnapshot(JSON.stringify(dump()), FILE));
  });

  it('reads several YAML documents, ignoring an empty one at the end', () => {
    const text = `${stringify(pod({ name: 'a', containers: [{ name: 'app', image: R }] }))}---\n${stringify(configMap)}---\n`;
    const { state, skipped } = parseSnapshot(text, 'x.yaml');
    expect(state.pods.map((p) => p.name)).toEqual(['a']);
    expect(state.configMaps).toHaveLength(1);
    expect(skipped).toEqual({});
  });

  it('reads a typed list whose items carry no kind, as the API returns it', () => {
    const item = pod({ name: 'a', containers: [{ name: 'app', image: R }] });
    delete item.kind;
    delete item.apiVersion;
    const list = {
      apiVersion: 'v1',
      kind: 'PodList',
      metadata: { resourceVersion: '7' },
      items: [item],
    };

    expect(parseSnapshot(JSON.stringify(list), FILE).state.pods.map((p) => p.name)).toEqual(['a']);
  });

  it('reads a single object', () => {
    const text = JSON.stringify(pod({ name: 'solo', containers: [{ name: 'app', image: R }] }));
    expect(parseSnapshot(text, FILE).state.pods).toHaveLength(1);
  });

  it('reads an empty List as an empty region, not an error', () => {
    const { state, skipped } = parseSnapshot(JSON.stringify(kubectlList([])), FILE);
    expect(state).toEqual({
      pods: [],
      replicaSets: [],
      controllerRevisions: [],
      workloads: [],
      routes: [],
      configMaps: [],
      secrets: [],
    });
    expect(skipped).toEqual({});
  });

  it('skips and counts kinds it does not use, including look-alikes from other API groups', () => {
    const items = [
      configMap,
      { ...configMap, kind: 'Service' },
      { ...configMap, kind: 'Event' },
      { ...configMap, kind: 'Event' },
      { apiVersion: 'example.com/v1', kind: 'Rollout', metadata: { name: 'r' } },
      { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'Pod', metadata: { name: 'p' } },
    ];
    const { state, skipped } = parseSnapshot(JSON.stringify(kubectlList(items)), FILE);

    expect(state.workloads).toEqual([]);
    expect(state.pods).toEqual([]);
    expect(skipped).toEqual({ Service: 1, Event: 2, Rollout: 1, Pod: 1 });
  });

  it.each([
    ['an empty file', '  \n', /the file is empty; expected the output of kubectl get pods,/],
    [
      'cut-short JSON',
      '{"kind": "List",\n "items": [',
      /not valid JSON: .* at line 2, column 12 \(the file is cut short\)/,
    ],
    [
      'JSON with a stray comma',
      '{"kind": "List",\n "items": [1,]}',
      /not valid JSON: Unexpected token '\]'$/,
    ],
    [
      'JSON with trailing text',
      '{"kind": "List", "items": []}\nxyz',
      /not valid JSON: .* at line 2, column 1/,
    ],
    ['bad YAML', 'kind: List\nitems: [\n  a: b', /not valid JSON or YAML: .*line 3, column/],
    [
      'an object that is no Kubernetes object',
      '{"foo": 1}',
      /expected the output of kubectl get .* -o json: a List with items/,
    ],
    ['an alias without its anchor', '*P4\u00ff', /an alias \(\*name\) refers to no anchor/],
    ['a top-level array', '[1, 2]', /a List with items/],
    ['a YAML scalar', 'hello', /a List with items/],
    [
      'items that are not an array',
      '{"kind": "List", "items": {}}',
      /"items" is an object, not an array/,
    ],
    ['a List without items', '{"kind": "List"}', /"items" is missing, not an array/],
    [
      'an item without kind',
      '{"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]}',
      /item 1 has no kind/,
    ],
    [
      'an item without name',
      '{"kind": "List", "items": [{"kind": "Pod", "metadata": {}}]}',
      /item 0 \(Pod\) has no metadata.name/,
    ],
    [
      'an item that is not an object',
      '{"kind": "List", "items": [null]}',
      /item 0 is null, not a Kubernetes object/,
    ],
  ])('rejects %s with an error naming the file and the fix', (_title, text, message) => {
    const error = catchError(() => parseSnapshot(text, FILE));

    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as SnapshotError).file).toBe(FILE);
    expect((error as Error).message.startsWith(`${FILE}: `)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('quotes no content of a broken file in its error', () => {
    const secret = 'hunter2-canary';
    const text = `{"kind": "Secret", "data": {"password": "${secret}"}, }`;
    const error = catchError(() => parseSnapshot(text, FILE)) as Error;
    expect(error.message).not.toContain(secret);

    const yamlError = catchError(() => parseSnapshot(`password: ${secret}\n  x: [`, FILE)) as Error;
    expect(yamlError.message).not.toContain(secret);
  });

  it('reads no Secret value into the state', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { key: 'Y2FuYXJ5LXNlY3JldA==' },
    };
    const contents = parseSnapshot(JSON.stringify(kubectlList([secret])), FILE);
    expect(JSON.stringify(contents)).not.toContain('Y2FuYXJ5LXNlY3JldA==');
    // Without the installation's key a Secret is a name and, when known, a change time.
    expect(contents.state.secrets).toEqual([{ namespace: '', name: 's' }]);
    expect(contents.skipped).toEqual({});
  });
});

describe('mergeSnapshots', () => {
  it('merges files and takes an object found in two of them from the later one', () => {
    const older = pod({ name: 'a', containers: [{ name: 'app', image: `${R}:1` }] });
    const newer = pod({ name: 'a', containers: [{ name: 'app', image: `${R}:2` }] });
    const other = pod({ name: 'b', containers: [{ name: 'app', image: `${R}:1` }] });
    const first = parseSnapshot(JSON.stringify(kubectlList([older, other, configMap])), 'a.json');
    const second = parseSnapshot(JSON.stringify(kubectlList([newer, configMap])), 'b.json');

    const merged = mergeSnapshots([first, second]);
    expect(merged.state.pods.map((p) => [p.name, p.containers[0]?.specImage])).toEqual([
      ['a', `${R}:2`],
      ['b', `${R}:1`],
    ]);
    expect(merged.state.configMaps).toHaveLength(1);
    expect(merged.skipped).toEqual({});
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
