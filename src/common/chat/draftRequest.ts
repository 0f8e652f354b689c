/**
 * The request the next send would make (the history, the draft user turn with its attachments,
 * the tools and system from the builder), and the checks made on it before anything is sent: the
 * API's 32 MB body limit and whether the model reads images and PDFs at all.
 */
import type { MessageParam, MessagesRequest, Tool, UserContentBlock } from '../anthropic/types';
import { jsonBodyBytes, requestSizeProblem } from '../attachments/limits';
import { toApiMessages } from '../conversation/apiMessages';
import type { Conversation } from '../conversation/model';
import type { Attachment } from '../attachments/types';
import type { AttachedContext, RequestBuilder } from './ports';
import type { ToolPort } from './turnEngine';

/** What the current model reads besides text (from the model catalogue and `/v1/models`). */
export interface InputSupport {
  model: string;
  /** False when the model is known not to take `image` blocks; undefined when nobody said. */
  images?: boolean;
  /** False when the model is known not to take PDF `document` blocks. */
  pdfs?: boolean;
}

/** How the next request is built: the builder, the offered tools, what the model reads. */
export interface DraftPorts {
  build: RequestBuilder;
  tools: ToolPort | undefined;
  support: InputSupport | undefined;
}

/**
 * A user turn's content: the attachments, then editor context blocks, then the text (left out
 * when empty, since the API refuses an empty text block, unless nothing else is there).
 */
export function userContent(attachments: readonly Attachment[], context: AttachedContext | undefined, text: string): UserContentBlock[] {
  const content: UserContentBlock[] = [...attachments.map((a) => a.block), ...(context?.blocks ?? [])];
  const hasText = context?.blocks.some((b) => b.type === 'text' && b.text === text);
  if (!hasText && (text.trim() !== '' || content.length === 0)) content.push({ type: 'text', text });
  return content;
}

/** The body the next send of `text` with these attachments would make (the meter counts it). */
export function draftBody(conversation: Conversation, attachments: readonly Attachment[], text: string, ports: DraftPorts): MessagesRequest {
  // An empty draft is counted as the smallest text a send could carry.
  const content = userContent(attachments, undefined, text.trim() === '' && attachments.length === 0 ? '.' : text);
  return draftRequest(conversation, content, ports.build, ports.tools?.definitions() ?? []);
}

/** Said with a refused send: the view clears the prompt on send, and ↑ in the empty prompt recalls it. */
export const TEXT_KEPT = 'Your text is kept: press ↑ in the empty prompt to bring it back.';

/** Why the user turn `content` must not be sent after `conversation` (and that the text is kept), or undefined. */
export function draftProblem(conversation: Conversation, content: UserContentBlock[], ports: DraftPorts): string | undefined {
  const problem = sendProblem(draftRequest(conversation, content, ports.build, ports.tools?.definitions() ?? []), ports.support);
  return problem && `${problem} ${TEXT_KEPT}`;
}

/** The messages of the next request: the history as sent, then the draft user turn. */
export function draftMessages(conversation: Conversation, content: UserContentBlock[]): MessageParam[] {
  const messages = toApiMessages(conversation);
  if (content.length > 0) messages.push({ role: 'user', content });
  return messages;
}

/** The exact body the next send would build (cache markers included, as the builder places them). */
export function draftRequest(conversation: Conversation, content: UserContentBlock[], build: RequestBuilder, tools: Tool[]): MessagesRequest {
  return build(draftMessages(conversation, content), tools).body;
}

/** Why this body must not be sent (too large; an image or PDF the model cannot read), or undefined. */
export function sendProblem(body: MessagesRequest, support: InputSupport | undefined): string | undefined {
  if (support) {
    const kinds = blockKinds(body.messages);
    if (support.images === false && kinds.images) {
      return `This message was not sent: ${support.model} does not take images. Remove the image, or choose a model that reads images (Claude Messages: Select Model).`;
    }
    if (support.pdfs === false && kinds.pdfs) {
      return `This message was not sent: ${support.model} does not take PDF documents. Remove the PDF, or choose a model that reads PDFs (Claude Messages: Select Model).`;
    }
  }
  return requestSizeProblem(jsonBodyBytes(body));
}

function blockKinds(messages: readonly MessageParam[]): { images: boolean; pdfs: boolean } {
  let images = false;
  let pdfs = false;
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content as Array<{ type: string; source?: unknown }>) {
      if (block.type === 'image') images = true;
      const source = block.source as { media_type?: unknown } | undefined;
      if (block.type === 'document' && source?.media_type === 'application/pdf') pdfs = true;
    }
  }
  return { images, pdfs };
}
