/**
 * Stale errors: when the key is stored or a setting changes, the error turns of the open
 * conversation that the change may have fixed are marked (`error.fixed`), so their cards collapse
 * to a one-line note with Retry instead of still telling the user to do what they just did.
 */
import type { Conversation } from '../conversation/model';
import { fixNote, type ErrorCause } from './viewError';

export type { ErrorCause } from './viewError';

/**
 * Marks the failed replies (not marked before; a retried one is no longer in the list) that `cause` may have fixed, and
 * calls `changed` with each one's index. True when any was marked.
 */
export function markFixedErrors(conversation: Conversation, cause: ErrorCause, changed: (index: number) => void): boolean {
  let any = false;
  conversation.turns.forEach((turn, index) => {
    if (turn.role !== 'assistant' || turn.status !== 'error' || !turn.error || turn.error.fixed) return;
    const note = fixNote(turn.error, cause);
    if (!note) return;
    turn.error = { ...turn.error, fixed: note };
    any = true;
    changed(index);
  });
  return any;
}
