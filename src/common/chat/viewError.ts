/** Turns anything thrown into the error the chat shows: what happened, what to do, and ids. */
import { ClaudeApiError } from '../anthropic/errors';
import type { ViewError } from '../protocol';

/** The prefix of every setting of the extension; a `ViewError.setting` is a full id. */
const SECTION = 'claudeMessages.';

export function toViewError(error: unknown): ViewError {
  if (isViewError(error)) return error;
  if (error instanceof ClaudeApiError) {
    const view: ViewError = { message: error.message, kind: error.kind, retryable: error.retryable };
    if (error.status !== undefined) view.status = error.status;
    if (error.requestId !== undefined) view.requestId = error.requestId;
    if (error.setting !== undefined) view.setting = `${SECTION}${error.setting}`;
    return view;
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `Something went wrong: ${text}. Try again; if it keeps happening, see the "Claude Messages" output channel.`, kind: 'unexpected', retryable: true };
}

function isViewError(value: unknown): value is ViewError {
  return (
    typeof value === 'object' && value !== null && !(value instanceof Error) &&
    typeof (value as ViewError).message === 'string' && typeof (value as ViewError).kind === 'string' &&
    typeof (value as ViewError).retryable === 'boolean'
  );
}

/** What changed that may fix an error: a key was stored, or some settings changed. */
export type ErrorCause = { kind: 'apiKey' } | { kind: 'settings'; changed(settingId: string): boolean };

/** Errors a (new) key fixes: the key was refused, or there was none. */
const KEY_KINDS: ReadonlySet<string> = new Set(['authentication_error', 'missing_key']);
/**
 * Errors about where and how requests go: another base URL or auth header may fix them even when
 * the error names another setting (or none).
 */
const ENDPOINT_KINDS: ReadonlySet<string> = new Set(['authentication_error', 'not_found_error', 'not_messages_endpoint', 'redirect', 'connection_error']);
const ENDPOINT_SETTINGS = [`${SECTION}baseUrl`, `${SECTION}authHeader`];

/**
 * The one-line note for an error that `cause` may have fixed ("a key is set", "claudeMessages.model
 * changed"), or undefined when the change has nothing to do with it.
 */
export function fixNote(error: ViewError, cause: ErrorCause): string | undefined {
  if (cause.kind === 'apiKey') return KEY_KINDS.has(error.kind) || error.status === 401 ? 'a key is set' : undefined;
  const candidates = [...(error.setting ? [error.setting] : []), ...(ENDPOINT_KINDS.has(error.kind) ? ENDPOINT_SETTINGS : [])];
  const changed = candidates.find((setting) => cause.changed(setting));
  return changed ? `${changed} changed` : undefined;
}
