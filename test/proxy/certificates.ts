/**
 * A certificate authority and a server certificate made at test time with the `openssl` CLI (Debian
 * package `openssl`, ensured by test/support/install.mjs), in a temporary folder. Nothing is
 * checked in, so nothing expires in the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  /** The CA's certificate as a PEM file (what NODE_EXTRA_CA_CERTS points at) and its text. */
  caFile: string;
  caPem: string;
  /** The server's certificate (signed by the CA) and key. */
  certPem: string;
  keyPem: string;
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw new Error(missing ? 'The openssl CLI is missing: apt-get install openssl (test/support/install.mjs does it for the integration tests).' : `openssl ${args[0]} failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A fresh CA and a server certificate for `names` (DNS names; IP addresses become IP entries). */
export function makeTestCertificates(names: readonly string[], caName = 'Claude Messages test CA'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'claude-messages-certs-'));
  openssl(dir, ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${caName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', ...EC_KEY, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0] ?? 'localhost'}`]);
  const alt = names.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${alt}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext']);
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    caPem: read('ca.pem'),
    certPem: read('server.pem'),
    keyPem: read('server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
