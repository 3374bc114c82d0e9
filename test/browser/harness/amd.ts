/**
 * A small AMD loader: enough for the `define([...deps, "module"], factory)`
 * that webpack emits for a Grafana plugin, with the shared packages
 * supplied from a map, as Grafana's loader supplies its own instances.
 */
type Factory = (...deps: unknown[]) => unknown;
type Define = ((deps: string[] | Factory, factory?: Factory) => void) & { amd: object };

const loaded = new Map<string, (exports: unknown) => void>();

/** Installs `window.define`. Call after every bundled UMD package has loaded. */
export function installAmd(shared: Record<string, unknown>): void {
  const define = ((deps: string[] | Factory, factory?: Factory) => {
    const uri = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
    const [names, body] = Array.isArray(deps) ? [deps, factory!] : [[], deps];
    // The AMD meta-module: webpack derives the plugin's public path from its uri.
    const meta = { id: uri, uri, exports: {} };
    const args = names.map((name) => {
      if (name === 'module') return meta;
      if (name === 'exports') return meta.exports;
      if (!(name in shared)) throw new Error(`the harness supplies no shared module "${name}"`);
      return shared[name];
    });
    const result = body(...args);
    loaded.get(uri)?.(result ?? meta.exports);
  }) as Define;
  define.amd = {};
  Object.assign(window, { define });
}

/** Loads an AMD module by URL and resolves with what its factory returned. */
export function loadModule(url: string): Promise<unknown> {
  const script = document.createElement('script');
  script.src = new URL(url, document.baseURI).href;
  return new Promise((resolve, reject) => {
    loaded.set(script.src, resolve);
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });
}
