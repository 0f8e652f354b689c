/**
 * An attachment: the content block it becomes in the request (marked as context, so the cache
 * placement gives it a breakpoint) and the chip the view shows for it. The block holds the bytes;
 * the chip never does (only a small thumbnail for images).
 */
import type { DocumentBlock, ImageBlock, TextBlock } from '../anthropic/types';
import type { AttachmentChip } from '../protocol';

export type AttachmentBlock = TextBlock | ImageBlock | DocumentBlock;

export interface Attachment {
  chip: AttachmentChip;
  block: AttachmentBlock;
}

/** An attachment, or why it was refused (a message for the user that names the file). */
export type AttachResult = { ok: true; attachment: Attachment } | { ok: false; message: string };
