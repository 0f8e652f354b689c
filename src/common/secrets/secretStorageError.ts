/**
 * What to tell the user when VS Code's SecretStorage fails. On Linux it is backed by a Secret
 * Service (gnome-keyring, KWallet…) over D-Bus; with none running, or with the keyring locked, the
 * keychain call rejects. The raw error ("No such interface 'org.freedesktop.Secret.Collection'")
 * means nothing to most people, so this names what failed, why in plain words, and the fix.
 * Pure: the host passes the thrown value in and shows or logs what comes out.
 */
import type { ViewError } from '../protocol';
import { scrubSecret } from '../anthropic/redaction';

/** Which keychain call failed: saving the key, reading it, or deleting it. */
export type SecretOperation = 'save' | 'read' | 'delete';

/** Why, as far as the error text tells: no Secret Service at all, a locked keyring, or unknown. */
export type SecretFailureCause = 'no_keyring_service' | 'keyring_locked' | 'unknown';

export interface SecretStorageAdvice {
  operation: SecretOperation;
  cause: SecretFailureCause;
  /** The notification text: what failed, why, what to do. Never holds the key. */
  message: string;
  /** The output channel line: the same plus the original error text, scrubbed of the key. */
  logLine: string;
}

/**
 * The title of the section in VS Code's docs on the subject. Named rather than linked: the docs
 * have moved before, and a title can still be searched for when an address has gone stale.
 */
export const KEYRING_DOCS_TITLE = 'Troubleshooting keyring issues';

/** The `ViewError.kind` of a chat request made while the key could not be read. */
export const KEY_UNREADABLE_KIND = 'key_unreadable';

// Matched against the lower-cased error text. Order matters: "locked" is checked first because a
// locked collection's error can also mention org.freedesktop.Secret.
const LOCKED_PATTERNS = ['locked collection', 'keyring is locked', 'is locked', 'unlock'];
const NO_SERVICE_PATTERNS = [
  "no such interface 'org.freedesktop.secret",
  'org.freedesktop.secrets was not provided',
  'was not provided by any .service files',
  'secret service',
  'libsecret',
  'no keyring',
  'cannot autolaunch d-bus',
];

const WHAT_FAILED: Record<SecretOperation, string> = {
  save: 'Your API key could not be saved to the system keychain, so it was not stored anywhere.',
  read: 'Your API key could not be read from the system keychain.',
  delete: 'Your API key could not be removed from the system keychain.',
};

const WHY: Record<SecretFailureCause, string> = {
  no_keyring_service: 'No keyring service (Secret Service) is running on this machine.',
  keyring_locked: 'The keyring is locked.',
  unknown: 'The keychain refused the request for a reason it did not explain.',
};

const FIX: Record<SecretFailureCause, string> = {
  no_keyring_service:
    'Install and start gnome-keyring (or another Secret Service provider such as KWallet), then try again.',
  keyring_locked: 'Unlock the keyring (log in to it, for example with your desktop\'s "Passwords and Keys" app), then try again.',
  unknown: 'Check that your keyring is installed, running and unlocked, then try again.',
};

// The last resort, said for every cause: it works without a keyring but weakens the protection.
const BASIC_STORE =
  'Or run VS Code with --password-store=basic (secrets are then only obfuscated, not encrypted).';

/** Classifies a SecretStorage failure from its error text. */
export function secretFailureCause(error: unknown): SecretFailureCause {
  const text = errorText(error).toLowerCase();
  if (LOCKED_PATTERNS.some((pattern) => text.includes(pattern))) return 'keyring_locked';
  if (NO_SERVICE_PATTERNS.some((pattern) => text.includes(pattern))) return 'no_keyring_service';
  return 'unknown';
}

/**
 * The advice for a failed keychain call. `key` is the key being saved, if any: the raw error text
 * goes to the log, and a keychain that echoed its input must not carry the key there.
 */
export function describeSecretStorageFailure(operation: SecretOperation, error: unknown, key?: string): SecretStorageAdvice {
  const cause = secretFailureCause(error);
  const message = `${WHAT_FAILED[operation]} ${WHY[cause]} ${FIX[cause]} ${BASIC_STORE} See "${KEYRING_DOCS_TITLE}" in the VS Code docs.`;
  const logLine = `SecretStorage ${operation} failed (${cause}): ${scrubSecret(errorText(error), key)}`;
  return { operation, cause, message, logLine };
}

/** The chat's error for a request made while the key could not be read (not "no key set"). */
export function keyUnreadableError(advice: SecretStorageAdvice): ViewError {
  return { kind: KEY_UNREADABLE_KIND, retryable: true, message: advice.message };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/**
 * What reading the key found: a key, none stored, or a keychain that would not answer. Kept apart
 * so the chat says "could not be read" rather than "no API key is set" when the keyring fails.
 * The states are the protocol's `ApiKeyState`, which is all the view and the status bar learn.
 */
export type KeyRead =
  | { state: 'set'; key: string }
  | { state: 'missing' }
  | { state: 'unreadable'; advice: SecretStorageAdvice };
