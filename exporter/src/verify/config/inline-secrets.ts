/**
 * Credentials set as literal environment values (field case F12): from the
 * template (declared) and from the pods (running), by container and
 * variable name. How the variable is set is named; its value never is.
 */
import type { ContainerConfigView, CredentialHint } from '../../sources/config-views.js';
import type { ConfigContext, ConfigDiscrepancy } from './context.js';

/** One literal credential-like variable of a container. */
export interface InlineSecret {
  container: string;
  variable: string;
  hint: CredentialHint;
  /** Serving instances that run with it. */
  instances: number;
}

/** Finds literal credentials in the template and in the running pods. */
export function findInlineSecrets(ctx: ConfigContext): {
  secrets: InlineSecret[];
  discrepancies: ConfigDiscrepancy[];
} {
  const found = new Map<string, InlineSecret>();
  const note = (container: string, config: ContainerConfigView | undefined, serving: boolean) => {
    for (const env of config?.env ?? []) {
      if (env.source !== 'literal' || env.credential === undefined) continue;
      const key = `${container}\u0000${env.name}`;
      const entry = found.get(key) ?? {
        container,
        variable: env.name,
        hint: env.credential,
        instances: 0,
      };
      if (serving) entry.instances += 1;
      found.set(key, entry);
    }
  };

  for (const [container, config] of Object.entries(ctx.view?.templateConfig ?? {})) {
    note(container, config, false);
  }
  let affected = 0;
  for (const instance of ctx.instances) {
    const config = instance.pod.containers.find((c) => c.name === instance.container)?.config;
    const before = [...found.values()].reduce((sum, s) => sum + s.instances, 0);
    note(instance.container, config, instance.serving);
    if ([...found.values()].reduce((sum, s) => sum + s.instances, 0) > before) affected += 1;
  }

  const secrets = [...found.values()].sort(
    (a, b) => a.container.localeCompare(b.container) || a.variable.localeCompare(b.variable),
  );
  // The variables become one finding whose instances are summed: the first
  // carries the instances that run with any of them, so none counts twice.
  const discrepancies = secrets.map((secret, index): ConfigDiscrepancy => ({
    check: 'secret',
    class: 'invalid',
    reason: 'InlineCredential',
    subject: `${secret.variable} (container ${secret.container}, ${HOW[secret.hint]})`,
    instances: index === 0 ? affected : 0,
  }));
  return { secrets, discrepancies };
}

/** How the variable is set, said without its value. */
const HOW: Record<CredentialHint, string> = {
  name: 'a literal value under a credential name',
  value: 'a literal value shaped like a token or key',
  'url-userinfo': 'a literal URL with user information',
};
