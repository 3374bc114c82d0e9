/**
 * Certificates for TLS tests, made with the openssl command line: a CA, a
 * server certificate for 127.0.0.1 signed by it, and a client certificate
 * for mutual TLS. Node's crypto can make keys but not certificates.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the files made, and the CA's text for clients that trust it. */
export interface Certificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate signed by no CA the server trusts. */
  strangerCert: string;
  strangerKey: string;
  ca: Buffer;
}

/** Fails, never skips, when openssl is missing: the TLS contract would go unchecked. */
function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  } catch (error) {
    throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${String(error)}`);
  }
}

/** Makes a CA, a server certificate for 127.0.0.1 and client certificates in `dir`. */
export function makeCertificates(dir: string): Certificates {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const days = ['-days', '2'];
  openssl(
    ['req', '-x509', ...ec, ...days, '-subj', '/CN=test CA', '-keyout', 'ca.key', '-out', 'ca.crt'],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      ...days,
      '-subj',
      '/CN=stranger',
      '-keyout',
      'stranger.key',
      '-out',
      'stranger.crt',
    ],
    dir,
  );

  const signed = (name: string, subject: string, extensions: string) => {
    openssl(['req', ...ec, '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        ...days,
        '-extfile',
        extensions,
        '-out',
        `${name}.crt`,
      ],
      dir,
    );
  };
  execFileSync(
    'sh',
    [
      '-c',
      'printf "subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n" > server.ext; printf "extendedKeyUsage=clientAuth\\n" > client.ext',
    ],
    { cwd: dir },
  );
  signed('server', '/CN=127.0.0.1', 'server.ext');
  signed('client', '/CN=prometheus', 'client.ext');

  const at = (file: string) => join(dir, file);
  return {
    caCert: at('ca.crt'),
    serverCert: at('server.crt'),
    serverKey: at('server.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
    strangerCert: at('stranger.crt'),
    strangerKey: at('stranger.key'),
    ca: readFileSync(at('ca.crt')),
  };
}
