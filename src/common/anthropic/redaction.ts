/**
 * Keeps secrets out of anything shown or logged: server text can echo the key back (a gateway's
 * "invalid key sk-ant-…"), so every error message and kept body passes through `scrubSecret`.
 */

const REDACTED = '[redacted]';
// Anthropic keys, even when a gateway echoes a different one than ours.
const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/g;

/** Removes the key (and anything shaped like an Anthropic key or a bearer token) from `text`. */
export function scrubSecret(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(KEY_PATTERN, REDACTED).replace(/(Bearer\s+)[^\s"',;]{8,}/gi, `$1${REDACTED}`);
}
