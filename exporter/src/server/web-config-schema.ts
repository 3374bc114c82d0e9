/**
 * The web config file in the shape of the Prometheus exporter toolkit's
 * `--web.config.file`, so that operators reuse the file they already give
 * node_exporter and friends: TLS, basic auth with bcrypt hashes, headers.
 */
import { z } from 'zod';

/** Client certificate policies, named as the exporter toolkit (and Go's crypto/tls) names them. */
export const CLIENT_AUTH_TYPES = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
] as const;
export type ClientAuthType = (typeof CLIENT_AUTH_TYPES)[number];

/** TLS versions as the toolkit writes them, and Node's names for them. */
export const TLS_VERSIONS = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
} as const;

/**
 * Response headers the toolkit lets an operator set; any other header
 * (Authorization, Content-Type, ...) would change what the endpoint means.
 */
export const SETTABLE_HEADERS = [
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'X-Frame-Options',
  'X-XSS-Protection',
  'Content-Security-Policy',
] as const;

/**
 * A bcrypt hash in modular crypt format: `$2a$`, `$2b$` or `$2y$` (htpasswd
 * writes 2y), a two-digit cost, 22 characters of salt and 31 of hash.
 */
export const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

const versionSchema = z.enum(Object.keys(TLS_VERSIONS) as [keyof typeof TLS_VERSIONS]);

const tlsSchema = z
  .strictObject({
    cert_file: z.string().min(1).optional(),
    key_file: z.string().min(1).optional(),
    client_auth_type: z.enum(CLIENT_AUTH_TYPES).optional(),
    client_ca_file: z.string().min(1).optional(),
    min_version: versionSchema.optional(),
    max_version: versionSchema.optional(),
  })
  .superRefine((tls, ctx) => {
    if ((tls.cert_file === undefined) !== (tls.key_file === undefined)) {
      const missing = tls.cert_file === undefined ? 'cert_file' : 'key_file';
      const message = 'cert_file and key_file go together; give both or neither';
      ctx.addIssue({ code: 'custom', path: [missing], message });
    }
    const verifies =
      tls.client_auth_type === 'VerifyClientCertIfGiven' ||
      tls.client_auth_type === 'RequireAndVerifyClientCert';
    if (verifies && tls.client_ca_file === undefined) {
      const message = `client_auth_type ${tls.client_auth_type} verifies against client_ca_file; give it`;
      ctx.addIssue({ code: 'custom', path: ['client_ca_file'], message });
    }
  });

const headersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const allowed = new Map(SETTABLE_HEADERS.map((name) => [name.toLowerCase(), name]));
  for (const name of Object.keys(headers)) {
    if (allowed.has(name.toLowerCase())) continue;
    const message = `header ${name} cannot be set; allowed: ${SETTABLE_HEADERS.join(', ')}`;
    ctx.addIssue({ code: 'custom', path: [name], message });
  }
});

/** The schema of the web config file; strict, like every realitycheck file. */
export const webConfigFileSchema = z.strictObject({
  tls_server_config: tlsSchema.optional(),
  http_server_config: z
    .strictObject({
      headers: headersSchema.optional(),
      // The toolkit's switch for HTTP/2; accepted so shared files load, but
      // this server speaks HTTP/1.1 only, which is all Prometheus needs.
      http2: z.boolean().optional(),
    })
    .optional(),
  basic_auth_users: z
    .record(
      // Basic auth joins user and password with a colon: a user cannot hold one.
      z.string().regex(/^[^:]+$/, { error: 'a user name is not empty and has no ":"' }),
      z.string().regex(BCRYPT_HASH, {
        error: 'expected a bcrypt hash such as $2y$10$... (htpasswd -nBC 10 "" | tr -d \':\\n\')',
      }),
    )
    .optional(),
});

/** The web config file as written, after validation. */
export type WebConfigFile = z.output<typeof webConfigFileSchema>;
