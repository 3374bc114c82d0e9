/** The exporter's listen address, `host:port`. */

/** Where the exporter's HTTP server listens. */
export interface ListenAddress {
  host: string;
  /** 0 lets the system pick a free port (tests). */
  port: number;
}

/** What a listen address looks like, for error messages. */
export const LISTEN_HINT = 'expected host:port, e.g. 0.0.0.0:9847';

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;
const PORT = /^\d{1,5}$/;
const MAX_PORT = 65535;

/**
 * Parses `host:port`, `[ipv6]:port` or `:port` (every interface), or
 * returns undefined when the text is none of these.
 */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const colon = text.lastIndexOf(':');
  if (colon === -1) return undefined;
  const host = text.slice(0, colon);
  const portText = text.slice(colon + 1);

  if (!PORT.test(portText) || Number(portText) > MAX_PORT) return undefined;
  if (host === '') return { host: '0.0.0.0', port: Number(portText) };
  if (!HOST.test(host)) return undefined;
  return { host: host.replace(/^\[(.*)\]$/, '$1'), port: Number(portText) };
}

/** Formats an address back to `host:port`, bracketing IPv6 hosts. */
export function formatListenAddress(address: ListenAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}
