/**
 * Which proxy, if any, a request to a URL goes through: VS Code's `http.proxy` first, then the
 * standard environment variables (HTTPS_PROXY, HTTP_PROXY), with `http.noProxy` (or NO_PROXY when
 * that setting is empty) naming hosts reached directly. Pure: no sockets, no `vscode`.
 */
import { BlockList, isIP } from 'node:net';

/** VS Code's proxy settings (`http.*`) as read for one request. */
export interface ProxySettings {
  /** `http.proxy`; empty means "use the environment". */
  proxy: string;
  /** `http.noProxy`; when empty, NO_PROXY from the environment applies instead. */
  noProxy: readonly string[];
  /** `http.proxyStrictSSL`: verify certificates of requests sent through a proxy. */
  strictSSL: boolean;
  /** `http.proxyAuthorization`: sent as `Proxy-Authorization`; overrides credentials in the URL. */
  authorization?: string;
}

/** The environment variables that matter, as `process.env` holds them. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** A proxy to connect through. `display` names it without credentials, for messages and logs. */
export interface ProxyServer {
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
  display: string;
  /** The `Proxy-Authorization` value, from `http.proxyAuthorization` or the URL's user:password. */
  authorization?: string;
}

export type ProxyDecision =
  | { kind: 'direct'; reason: 'loopback' | 'noProxy' | 'none' }
  | { kind: 'proxy'; proxy: ProxyServer; source: 'setting' | 'env'; strictSSL: boolean }
  /** A proxy URL this client cannot use itself (socks, a typo): left to VS Code's own fetch. */
  | { kind: 'unsupported'; value: string; source: 'setting' | 'env' };

// Like VS Code: the machine itself is never reached through a proxy.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Decides how to reach `url`. */
export function decideProxy(url: string, settings: ProxySettings, env: ProxyEnv): ProxyDecision {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK.has(host) || host.endsWith('.localhost')) return { kind: 'direct', reason: 'loopback' };
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const patterns = settings.noProxy.length > 0 ? settings.noProxy : splitList(envValue(env, 'NO_PROXY'));
  if (patterns.some((pattern) => bypasses(pattern, host, port))) return { kind: 'direct', reason: 'noProxy' };
  const fromSetting = settings.proxy.trim();
  const source = fromSetting ? 'setting' : 'env';
  const value = fromSetting || envProxy(env, target.protocol);
  if (!value) return { kind: 'direct', reason: 'none' };
  const proxy = parseProxyUrl(value, settings.authorization);
  if (!proxy) return { kind: 'unsupported', value: withoutCredentials(value), source };
  return { kind: 'proxy', proxy, source, strictSSL: settings.strictSSL };
}

function envValue(env: ProxyEnv, name: string): string {
  return (env[name.toLowerCase()] ?? env[name] ?? '').trim();
}

// VS Code takes any of the four for every URL; a scheme-specific one is preferred when both exist.
function envProxy(env: ProxyEnv, protocol: string): string {
  const order = protocol === 'https:' ? ['HTTPS_PROXY', 'HTTP_PROXY'] : ['HTTP_PROXY', 'HTTPS_PROXY'];
  for (const name of order) {
    const value = envValue(env, name);
    if (value) return value;
  }
  return '';
}

function splitList(value: string): string[] {
  return value.split(/[,\s]+/).filter((item) => item.length > 0);
}

/**
 * Whether one noProxy entry covers `host:port`: `*`; an exact host or `host:port`; a domain
 * (`example.com`, `.example.com` or `*.example.com`) covering itself and its subdomains; an IP or
 * CIDR range (`10.0.0.0/8`) covering IP hosts (names are not resolved, as elsewhere).
 */
export function bypasses(rawPattern: string, host: string, port: string): boolean {
  let pattern = rawPattern.trim().toLowerCase();
  if (!pattern) return false;
  if (pattern === '*') return true;
  const portMatch = /^(.*[^:\]]):(\d+)$/.exec(pattern);
  if (portMatch && !isIP(pattern)) {
    if (portMatch[2] !== port) return false;
    pattern = portMatch[1] ?? '';
  }
  pattern = pattern.replace(/^\[|\]$/g, '');
  if (isIP(host)) return ipCovered(pattern, host);
  const domain = pattern.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

function ipCovered(pattern: string, host: string): boolean {
  const family = isIP(host) === 6 ? 'ipv6' : 'ipv4';
  const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
  const list = new BlockList();
  try {
    if (cidr && isIP(cidr[1] ?? '')) list.addSubnet(cidr[1] ?? '', Number(cidr[2]), isIP(cidr[1] ?? '') === 6 ? 'ipv6' : 'ipv4');
    else if (isIP(pattern)) list.addAddress(pattern, isIP(pattern) === 6 ? 'ipv6' : 'ipv4');
    else return false;
  } catch {
    return false;
  }
  return list.check(host, family);
}

/** Parses `http://[user:password@]host[:port]` (or https://, or a bare host:port, taken as http). */
export function parseProxyUrl(value: string, authorization?: string): ProxyServer | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return undefined;
  const protocol = url.protocol;
  const port = Number(url.port || (protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const fromUrl = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  const header = authorization?.trim() || fromUrl;
  return { protocol, host, port, display: `${protocol}//${url.host}`, ...(header ? { authorization: header } : {}) };
}

/** A proxy URL as it may be shown: credentials removed. */
export function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, '//');
}
