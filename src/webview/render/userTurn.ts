/**
 * The content of a user turn: the prompt as plain text (what the person typed, not markdown),
 * context chips (file:lines, expandable to the text that was sent), attachment chips (what was
 * attached, openable), and tool results shown briefly. Attached images and documents are never
 * drawn from their blocks: their bytes (base64) are not for reading, the chips stand for them.
 */
import type { ContentBlock, ContextChip, ViewTurn } from '../../common/protocol';
import { h } from '../dom';
import { copyMessageButton, editMessageButton, isEditableQuestion } from './messageActions';
import { attachmentList } from './attachments';
import type { RenderContext } from './context';
import { isRecord } from '../../common/guards';

/** Blocks that carry an attachment's bytes: shown by the attachment chips, never as themselves. */
const ATTACHMENT_BLOCKS = new Set(['image', 'document']);

const BRIEF = 160;

/** The text a tool_result carries (string content or its text blocks). */
export function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter(Boolean)
    .join('\n');
}

function foldable(ctx: RenderContext, key: string, cls: string, summary: Node[], body: Node): HTMLDetailsElement {
  const doc = ctx.doc;
  const sum = h(doc, 'summary', {}, ...summary);
  const details = h(doc, 'details', { class: cls }, sum, body);
  details.open = ctx.ui.isOpen(key) ?? false;
  sum.addEventListener('click', () => ctx.ui.setOpen(key, !details.open));
  return details;
}

/** A context chip: the label, expandable to show the text. */
export function chipElement(ctx: RenderContext, key: string, chip: ContextChip): HTMLElement {
  const doc = ctx.doc;
  const code = h(doc, 'code', { class: chip.language ? `language-${chip.language.replace(/[^\w+#.-]/g, '')}` : '' }, chip.text);
  const el = foldable(ctx, key, 'chip', [h(doc, 'span', { class: 'chip-label' }, chip.label)], h(doc, 'pre', {}, code));
  el.setAttribute('data-testid', 'context-chip');
  el.title = `${chip.label} (${chip.language})`;
  return el;
}

/** One block of a user turn. */
export function userBlockElement(ctx: RenderContext, key: string, block: ContentBlock): HTMLElement {
  const doc = ctx.doc;
  if (block.type === 'text') {
    return h(doc, 'div', { class: 'block user-text', 'data-block-type': 'text' }, typeof block['text'] === 'string' ? block['text'] : '');
  }
  if (block.type === 'tool_result') {
    const text = toolResultText(block['content']);
    const failed = block['is_error'] === true;
    const brief = text.length > BRIEF ? `${text.slice(0, BRIEF)}…` : text;
    const el = foldable(
      ctx,
      key,
      `block tool-result${failed ? ' failed' : ''}`,
      [h(doc, 'span', { class: 'block-title' }, failed ? 'Tool error: ' : 'Tool result: '), h(doc, 'span', { class: 'brief' }, brief.split('\n')[0] ?? '')],
      h(doc, 'pre', {}, text),
    );
    el.setAttribute('data-block-type', 'tool_result');
    return el;
  }
  return h(doc, 'div', { class: 'block block-note', 'data-block-type': block.type }, `Attached ${block.type.replace(/_/g, ' ')}`);
}

/** Everything a user turn shows, in order: context chips, attachment chips, then its blocks. */
export function userTurnParts(ctx: RenderContext, turn: ViewTurn, place: { busy: boolean }): HTMLElement[] {
  const doc = ctx.doc;
  if (turn.continueRequest) return [h(doc, 'div', { class: 'continue-seam' }, 'Continued')];
  const parts: HTMLElement[] = [];
  const chips = turn.chips ?? [];
  if (chips.length > 0) {
    parts.push(h(doc, 'div', { class: 'chips' }, ...chips.map((chip, i) => chipElement(ctx, `${turn.id}:chip${i}`, chip))));
  }
  const attachments = turn.attachments ?? [];
  if (attachments.length > 0) parts.push(attachmentList(doc, attachments, { removable: false }));
  turn.blocks.forEach((block, i) => {
    if (attachments.length > 0 && ATTACHMENT_BLOCKS.has(block.type)) return;
    parts.push(userBlockElement(ctx, `${turn.id}:${i}`, block));
  });
  const copy = copyMessageButton(doc, turn);
  const edit = isEditableQuestion(turn) ? editMessageButton(doc, turn, place) : undefined;
  if (copy || edit) parts.push(h(doc, 'div', { class: 'message-actions' }, copy, edit));
  return parts;
}
