/**
 * What the status bar item says: the model, whether a key is set, and whether the last request
 * failed because of the key or the URL (so the user sees it even with the chat view closed).
 * Pure: the host feeds it the key state, the model and the chat's messages, and draws the result.
 */
import type { ApiKeyState, HostToWebview } from '../protocol';

/**
 * Error kinds that mean the key or the endpoint is wrong rather than the request, the model's
 * load or the network's mood: fixing them means Set API Key, baseUrl or authHeader, not retrying.
 * A 404 is here because a base URL that is not a Messages API answers with one.
 */
const KEY_OR_URL_KINDS: ReadonlySet<string> = new Set([
  'authentication_error',
  'permission_error',
  'not_found_error',
  'not_messages_endpoint',
  'connection_error',
  // A 3xx from the base URL: the client does not follow it (the key would go along), so it is a URL to fix.
  'redirect',
  'missing_key',
  // The keychain would not hand the key over (common/secrets): fixed by unlocking it, not by retrying.
  'key_unreadable',
]);

/** Whether an error of this kind (a `ViewError.kind`) points at the key or the URL. */
export function isKeyOrUrlProblem(kind: string): boolean {
  return KEY_OR_URL_KINDS.has(kind);
}

/** What the last finished request says about the connection. */
export type ConnectionHealth = 'ok' | 'keyOrUrlProblem';

/**
 * The health a chat message reveals, or undefined when it reveals nothing (a reply still
 * streaming, a stop, anything but a finished reply). A reply that failed for another reason (a
 * rate limit, a bad setting) still reached an endpoint that took the key, so it counts as ok.
 */
export function healthAfter(message: HostToWebview): ConnectionHealth | undefined {
  if (message.type !== 'turnUpdated') return undefined;
  const { turn } = message;
  if (turn.role !== 'assistant') return undefined;
  if (turn.status === 'done') return 'ok';
  if (turn.status === 'error' && turn.error) return isKeyOrUrlProblem(turn.error.kind) ? 'keyOrUrlProblem' : 'ok';
  return undefined;
}

/** A model's short name for the status bar: "Sonnet 5.5" from "Claude Sonnet 5.5", else the id. */
export function shortModelLabel(model: string, displayName: string | undefined): string {
  const name = displayName?.trim();
  if (!name || name === model) return model;
  return name.replace(/^Claude\s+/i, '');
}

/** What the status bar item is told to show. */
export interface StatusBarInput {
  key: ApiKeyState;
  model: string;
  /** The model's name from the endpoint's list or the built-in table, when known. */
  displayName: string | undefined;
  health: ConnectionHealth;
}

/** The command ids a click can run (ids.ts owns them; passed in so this file stays apart from the host). */
export interface StatusBarCommands {
  setApiKey: string;
  selectModel: string;
  testConnection: string;
}

export interface StatusBarState {
  text: string;
  tooltip: string;
  command: string;
  /** Draw the item with the warning background. */
  warning: boolean;
}

/** The item's text, tooltip, click and colour for the current key, model and last request. */
export function statusBarState(input: StatusBarInput, commands: StatusBarCommands): StatusBarState {
  if (input.key === 'unreadable') {
    // "Set API key" would be wrong advice: a key may well be stored, behind a locked or absent
    // keyring. Test Connection reads it again and, if that fails, shows the keychain advice.
    return {
      text: '$(warning) Key unreadable',
      tooltip: 'Claude Messages: the API key could not be read from the system keychain (is the keyring locked or not running?). Click to try again.',
      command: commands.testConnection,
      warning: true,
    };
  }
  if (input.key === 'missing') {
    return { text: '$(key) Set API key', tooltip: 'Claude Messages: no API key is set. Click to set one.', command: commands.setApiKey, warning: false };
  }
  const label = shortModelLabel(input.model, input.displayName);
  if (input.health === 'keyOrUrlProblem') {
    // Test Connection says which of base URL, auth header and key is wrong; the picker would not.
    return {
      text: `$(warning) ${label}`,
      tooltip: 'Claude Messages: the last request failed because of the API key or the base URL. Click to test the connection.',
      command: commands.testConnection,
      warning: true,
    };
  }
  return { text: `$(sparkle) ${label}`, tooltip: `Claude Messages: ${input.model}. Click to pick another model.`, command: commands.selectModel, warning: false };
}
