/** The closing line under a reply that did not simply end: stopped, cut off, refused, too long. */
import type { ViewTurn } from '../../common/protocol';

/** The closing note for a stop reason, or undefined when none is needed. */
export function stopNote(turn: ViewTurn): { reason: string; text: string } | undefined {
  if (turn.interrupted) return { reason: 'interrupted', text: 'Interrupted: the connection broke, and what arrived is shown.' };
  if (turn.status === 'stopped') return { reason: 'stopped', text: 'Stopped.' };
  switch (turn.stopReason) {
    case 'max_tokens':
      return { reason: 'max_tokens', text: 'The reply hit the token limit (max tokens).' };
    case 'refusal':
      return { reason: 'refusal', text: 'The model declined to continue this reply.' };
    case 'model_context_window_exceeded':
      return { reason: 'model_context_window_exceeded', text: "The conversation is too long for the model's context window. Start a new chat to go on." };
    default:
      return undefined;
  }
}
