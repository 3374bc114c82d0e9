/**
 * A kubeconfig that points client-node at fake API servers, written into a
 * test's own temporary folder. Tests pass its path explicitly, so no
 * kubeconfig of the machine is ever read.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One context of the kubeconfig: a name and the fake server's URL. */
export interface FakeContext {
  name: string;
  server: string;
}

/**
 * Writes `kubeconfig.yaml` into `dir`. `insecure-skip-tls-verify` is what
 * lets client-node 1.4 use a plain http:// server (it refuses one
 * otherwise; see notes/kubernetes-client-node.md).
 */
export async function writeKubeconfig(dir: string, contexts: FakeContext[]): Promise<string> {
  const path = join(dir, 'kubeconfig.yaml');
  const clusters = contexts.map(
    (c) =>
      `- name: ${c.name}\n  cluster:\n    server: ${c.server}\n    insecure-skip-tls-verify: true`,
  );
  const contextEntries = contexts.map(
    (c) => `- name: ${c.name}\n  context:\n    cluster: ${c.name}\n    user: tester`,
  );
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...clusters,
    'contexts:',
    ...contextEntries,
    `current-context: ${contexts[0]?.name ?? ''}`,
    'users:',
    '- name: tester',
    '  user:',
    '    token: fake-token-for-tests',
    '',
  ].join('\n');
  await writeFile(path, text, { mode: 0o600 });
  return path;
}
