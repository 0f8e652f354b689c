/**
 * The closing lines of an assistant turn, in order: why it stopped (with Continue after
 * max_tokens), its error card, Copy and Regenerate, and the usage line.
 */
import type { ViewTurn } from '../../common/protocol';
import { actionButton, h } from '../dom';
import { errorElement } from './errors';
import { copyMessageButton, regenerateButton } from './messageActions';
import { stopNote } from './stopNote';
import { usageElement } from './usage';

/** Where the turn sits: buttons that act on "the last reply" appear only on the latest turn. */
export interface TurnPlace {
  latest: boolean;
  /** A request is streaming now (no Continue/Retry offers meanwhile). */
  busy: boolean;
}

export function turnEndParts(doc: Document, turn: ViewTurn, place: TurnPlace): HTMLElement[] {
  // Continue, Retry and Regenerate act on the last reply, and not while another streams.
  const offer = place.latest && !place.busy;
  const parts: HTMLElement[] = [];
  const note = turn.status === 'streaming' ? undefined : stopNote(turn);
  if (note) {
    const line = h(doc, 'div', { class: `stop-note stop-${note.reason}`, 'data-testid': 'stop-note', 'data-stop-reason': note.reason }, note.text);
    if (note.reason === 'max_tokens' && offer) {
      line.append(' ', actionButton(doc, 'continue', 'Continue', 'Ask the model to continue the reply', { 'data-testid': 'continue' }));
    }
    parts.push(line);
  }
  if (turn.error) parts.push(errorElement(doc, turn.error, offer));
  else if (turn.status === 'error') {
    parts.push(errorElement(doc, { message: 'The request failed.', kind: 'unknown', retryable: true }, offer));
  }
  // Before the usage line, floated right: both on one line (media/chat.css, message actions).
  const copy = turn.status === 'streaming' ? undefined : copyMessageButton(doc, turn);
  if (copy) parts.push(copy);
  if (offer && turn.status !== 'streaming' && !turn.editNote) parts.push(regenerateButton(doc, turn));
  if (turn.status !== 'streaming' && turn.usage) parts.push(usageElement(doc, { ...turn, usage: turn.usage }));
  return parts;
}
