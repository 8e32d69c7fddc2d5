import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyAndCertificate {
  key: string;
  cert: string;
}

export interface TestCertificates {
  /** A root the tests trust explicitly; the default CA store does not know it. */
  rootCa: string;
  /** Signed by the root for localhost and 127.0.0.1, valid now. */
  valid: KeyAndCertificate;
  /** Signed by the root for localhost and 127.0.0.1, expired on 2020-01-02. */
  expired: KeyAndCertificate;
  /** Signed by the root for another name only. */
  wrongHost: KeyAndCertificate;
  /** Signs itself, for localhost and 127.0.0.1. */
  selfSigned: KeyAndCertificate;
}

// `openssl ca` is the only OpenSSL 3.0 command that sets arbitrary validity dates (needed for an expired one).
const CA_CONFIG = `
[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_name
unique_subject = no
[any_name]
commonName = supplied
[local_leaf]
basicConstraints = CA:FALSE
subjectAltName = DNS:localhost,IP:127.0.0.1
[other_leaf]
basicConstraints = CA:FALSE
subjectAltName = DNS:elsewhere.test
`;

/**
 * Certificates for local https servers, made with the `openssl` command line (Node can make keys but not
 * certificates). Throws when `openssl` is missing: tests that need TLS must fail, not pass unchecked.
 */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'web-validation-certs-'));
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const newKey = (name: string, subject: string) =>
    openssl(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    );
  const sign = (name: string, extensions: string, start: string, end: string) =>
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'root.pem',
      '-keyfile',
      'root.key',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-extensions',
      extensions,
      '-startdate',
      start,
      '-enddate',
      end,
      '-notext',
    );
  try {
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'root.key',
      '-out',
      'root.pem',
      '-subj',
      '/O=Web Validation Tests/CN=Test Root CA',
      '-days',
      '2',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    );
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-subj',
      '/CN=localhost',
      '-days',
      '2',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    );

    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    for (const name of ['valid', 'expired', 'wrong-host'])
      newKey(name, name === 'wrong-host' ? '/CN=elsewhere.test' : '/CN=localhost');
    sign('valid', 'local_leaf', asn1Time(now - day), asn1Time(now + 2 * day));
    sign('expired', 'local_leaf', '20200101000000Z', '20200102000000Z');
    sign('wrong-host', 'other_leaf', asn1Time(now - day), asn1Time(now + 2 * day));

    const pair = (name: string, cert = `${name}.pem`) => ({ key: read(`${name}.key`), cert: read(cert) });
    return {
      rootCa: read('root.pem'),
      valid: pair('valid'),
      expired: pair('expired'),
      wrongHost: pair('wrong-host'),
      selfSigned: pair('self'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function asn1Time(epochMs: number): string {
  return `${new Date(epochMs).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
