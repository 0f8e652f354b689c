/** Turns anything thrown into the error the chat shows: what happened, what to do, and ids. */
import { ClaudeApiError } from '../anthropic/errors';
import type { ViewError } from '../protocol';

export function toViewError(error: unknown): ViewError {
  if (isViewError(error)) return error;
  if (error instanceof ClaudeApiError) {
    const view: ViewError = { message: error.message, kind: error.kind, retryable: error.retryable };
    if (error.status !== undefined) view.status = error.status;
    if (error.requestId !== undefined) view.requestId = error.requestId;
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
