/**
 * Loads the web config file (`--web.config.file`): validates it, resolves
 * its paths against its own folder as the exporter toolkit does, and reads
 * the certificate files once so that a bad path fails at start-up, naming
 * the file, instead of at the first scrape.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { ConfigError } from '../config/load.js';
import { YamlSource } from '../intent/yaml-source.js';
import {
  TLS_VERSIONS,
  webConfigFileSchema,
  type ClientAuthType,
  type WebConfigFile,
} from './web-config-schema.js';

/** Node's name of a TLS version. */
export type TlsVersion = (typeof TLS_VERSIONS)[keyof typeof TLS_VERSIONS];

/** TLS material and policy, ready for node:https. */
export interface WebTls {
  certFile: string;
  keyFile: string;
  caFile?: string;
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  clientAuth: ClientAuthType;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
}

/** What the server enforces, resolved from the web config file. */
export interface WebConfig {
  file: string;
  /** Absent: plain HTTP. */
  tls?: WebTls;
  /** User name to bcrypt hash; empty: no basic auth. */
  users: ReadonlyMap<string, string>;
  /** Extra response headers (HSTS, CSP, ...). */
  headers: Readonly<Record<string, string>>;
}

/** Reads and validates a web config file; throws ConfigError naming file, line and field. */
export function loadWebConfig(file: string): WebConfig {
  const parsed = YamlSource.parse(readText(file, file, ''), file);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  const validated = parsed.value.validate(webConfigFileSchema);
  if (!validated.ok) throw new ConfigError(validated.problems);

  const written = validated.value;
  const tls = resolveTls(written, file);
  return {
    file,
    ...(tls !== undefined ? { tls } : {}),
    users: new Map(Object.entries(written.basic_auth_users ?? {})),
    headers: written.http_server_config?.headers ?? {},
  };
}

/** What a web config enforces, for the start-up log line: never a hash or a key. */
export function describeWebConfig(web: WebConfig): Record<string, unknown> {
  return {
    file: web.file,
    tls: web.tls !== undefined,
    ...(web.tls !== undefined
      ? { certFile: web.tls.certFile, clientAuth: web.tls.clientAuth }
      : {}),
    basicAuthUsers: web.users.size,
    headers: Object.keys(web.headers),
  };
}

/** Reads the certificate, key and CA again, for a server that picks up rotated files. */
export function rereadTls(tls: WebTls, file: string): WebTls {
  const field = 'tls_server_config';
  return {
    ...tls,
    cert: readBytes(tls.certFile, file, `${field}.cert_file`),
    key: readBytes(tls.keyFile, file, `${field}.key_file`),
    ...(tls.caFile !== undefined
      ? { ca: readBytes(tls.caFile, file, `${field}.client_ca_file`) }
      : {}),
  };
}

function resolveTls(written: WebConfigFile, file: string): WebTls | undefined {
  const tls = written.tls_server_config;
  // As in the toolkit, a file without a certificate serves plain HTTP (basic auth may still apply).
  if (tls?.cert_file === undefined || tls.key_file === undefined) return undefined;

  const folder = dirname(file);
  const caFile = tls.client_ca_file !== undefined ? resolve(folder, tls.client_ca_file) : undefined;
  const resolved = {
    certFile: resolve(folder, tls.cert_file),
    keyFile: resolve(folder, tls.key_file),
    ...(caFile !== undefined ? { caFile } : {}),
    cert: Buffer.alloc(0),
    key: Buffer.alloc(0),
    // The toolkit's default: a CA without a policy means verify every client.
    clientAuth:
      tls.client_auth_type ??
      (caFile !== undefined ? 'RequireAndVerifyClientCert' : 'NoClientCert'),
    ...(tls.min_version !== undefined ? { minVersion: TLS_VERSIONS[tls.min_version] } : {}),
    ...(tls.max_version !== undefined ? { maxVersion: TLS_VERSIONS[tls.max_version] } : {}),
  } satisfies WebTls;
  return rereadTls(resolved, file);
}

function readBytes(path: string, file: string, field: string): Buffer {
  return Buffer.from(readText(path, file, field), 'utf8');
}

function readText(path: string, file: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = path === file ? 'the web config file' : path;
    const message =
      code === 'ENOENT'
        ? `${what}: no such file; give --web.config.file FILE or fix the path`
        : `${what}: cannot read: ${code ?? String(error)}`;
    throw new ConfigError([{ file, path: field, message }]);
  }
}
