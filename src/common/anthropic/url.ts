/**
 * Endpoint URLs built from the user's base URL, and the warning for plain-http endpoints.
 */

/**
 * Joins the base URL and an API path with exactly one slash between them, whatever trailing
 * slashes the user typed (`https://x/` and `https://x//` both give `https://x/v1/messages`).
 */
export function apiUrl(baseUrl: string, path: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  const tail = path.replace(/^\/+/, '');
  return `${base}/${tail}`;
}

/** `${baseUrl}/v1/messages`, with no double slash. */
export function messagesUrl(baseUrl: string): string {
  return apiUrl(baseUrl, 'v1/messages');
}

/**
 * The URL for messages shown to people: credentials in the userinfo part are dropped, since a
 * URL such as `https://user:secret@host` must not end up in an error message or log.
 */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** True when the host is this machine, where plain http never leaves the computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '0:0:0:0:0:0:0:1'
  );
}

/** True when the key would travel unencrypted over the network to this base URL. */
export function isInsecureRemoteUrl(baseUrl: string): boolean {
  try {
    const parsed = new URL(baseUrl.trim());
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

// Keyed by the callback, so that clients rebuilt on every settings change share one memory of
// what was already said, without a global list that outlives its listener.
const warnedByCallback = new WeakMap<(message: string) => void, Set<string>>();

/**
 * Calls `onWarning` once per (callback, base URL) when the base URL is plain `http://` on a host
 * other than this machine: the API key would be sent in clear text.
 */
export function warnIfInsecure(baseUrl: string, onWarning: ((message: string) => void) | undefined): void {
  if (!onWarning || !isInsecureRemoteUrl(baseUrl)) return;
  let warned = warnedByCallback.get(onWarning);
  if (!warned) {
    warned = new Set();
    warnedByCallback.set(onWarning, warned);
  }
  const key = baseUrl.trim().replace(/\/+$/, '');
  if (warned.has(key)) return;
  warned.add(key);
  onWarning(
    `claudeMessages.baseUrl (${displayUrl(key)}) uses plain http:// on a remote host: your API key and ` +
      'conversation are sent unencrypted. Use https:// unless you trust every network in between.',
  );
}
