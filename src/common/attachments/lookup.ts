/**
 * Finding an attachment by its chip id: among the pending ones, or in the user turns that sent
 * one (attachment blocks lead a user turn's content in the order of its chips).
 */
import type { Conversation } from '../conversation/model';
import type { Attachment, AttachmentBlock } from './types';

export function findAttachment(pending: readonly Attachment[], conversation: Readonly<Conversation>, id: string): Attachment | undefined {
  const waiting = pending.find((a) => a.chip.id === id);
  if (waiting) return waiting;
  for (const turn of conversation.turns) {
    if (turn.role !== 'user' || !turn.attachments) continue;
    const index = turn.attachments.findIndex((chip) => chip.id === id);
    const chip = turn.attachments[index];
    const block = turn.content[index];
    if (chip && block) return { chip, block: block as AttachmentBlock };
  }
  return undefined;
}
