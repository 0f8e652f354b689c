/**
 * The certificate authorities a proxied request trusts: Node's bundled roots, the file named by
 * NODE_EXTRA_CA_CERTS, and (with VS Code's `http.systemCertificates`, on by default) the system's
 * store where Node 20 can reach it without a native module: the CA bundle file on Linux, the
 * keychains through `security` on macOS. On Windows the system store needs a native module, so
 * NODE_EXTRA_CA_CERTS is the way there. Loaded once per process; the TLS context is built once per
 * distinct set.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import type { ProxyEnv } from './proxyDecision';

export interface TrustOptions {
  /** `http.systemCertificates`. */
  systemCertificates: boolean;
  /** Where NODE_EXTRA_CA_CERTS is read from. */
  env: ProxyEnv;
  /** The system's bundle files to try, in order (Linux); the first that can be read is used. */
  systemBundleFiles?: readonly string[];
}

// Debian/Ubuntu, Fedora/RHEL, openSUSE, older RHEL, Alpine: the same list Go and curl look through.
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/ssl/cert.pem',
];

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificates in a text. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM) ?? [];
}

async function readPemFile(file: string): Promise<string[]> {
  try {
    return pemCertificates(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 32 * 1024 * 1024, timeout: 10_000 }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

async function systemCertificates(bundleFiles: readonly string[]): Promise<string[]> {
  if (process.platform === 'darwin') {
    const [user, roots] = await Promise.all([
      run('/usr/bin/security', ['find-certificate', '-a', '-p']),
      run('/usr/bin/security', ['find-certificate', '-a', '-p', '/System/Library/Keychains/SystemRootCertificates.keychain']),
    ]);
    return [...pemCertificates(user), ...pemCertificates(roots)];
  }
  if (process.platform === 'win32') return [];
  for (const file of bundleFiles) {
    const certificates = await readPemFile(file);
    if (certificates.length > 0) return certificates;
  }
  return [];
}

const loadedSystem = new Map<string, Promise<string[]>>();
const contexts = new Map<string, Promise<tls.SecureContext>>();

/** Every trusted certificate, deduplicated. */
export async function trustedCertificates(options: TrustOptions): Promise<string[]> {
  const extraFile = (options.env['NODE_EXTRA_CA_CERTS'] ?? '').trim();
  const bundles = options.systemBundleFiles ?? LINUX_BUNDLES;
  let system: Promise<string[]> = Promise.resolve([]);
  if (options.systemCertificates) {
    const key = bundles.join('\n');
    system = loadedSystem.get(key) ?? systemCertificates(bundles);
    loadedSystem.set(key, system);
  }
  const [extra, fromSystem] = await Promise.all([extraFile ? readPemFile(extraFile) : Promise.resolve([]), system]);
  // One unreadable certificate in a system file must not make every other one unusable.
  return [...new Set([...tls.rootCertificates, ...extra.filter(readable), ...fromSystem.filter(readable)])];
}

function readable(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** A TLS context trusting `trustedCertificates(options)`, built once per distinct set of options. */
export function trustedContext(options: TrustOptions): Promise<tls.SecureContext> {
  const key = [options.systemCertificates, options.env['NODE_EXTRA_CA_CERTS'] ?? '', ...(options.systemBundleFiles ?? [])].join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = trustedCertificates(options).then((ca) => tls.createSecureContext({ ca }));
    contexts.set(key, context);
    // A failure is not kept: the next request tries again (a file may have been fixed).
    context.catch(() => contexts.delete(key));
  }
  return context;
}
