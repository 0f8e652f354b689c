/**
 * Exports a conversation as Markdown (for people) or JSON (the stored data, for programs).
 *
 * The Markdown has a heading per turn, thinking folded in `<details>`, tool calls and results as
 * fenced JSON (code execution as its command, output and files instead), citations as footnotes
 * linking to their sources, and each reply's usage and cost.
 * Code fences are made longer than any backtick run inside them so content cannot break out.
 */
import type { Citation, ContentBlock, UserContentBlock } from '../anthropic/types';
import type { AssistantTurn, Conversation, UserTurn } from './model';
import type { AttachmentChip } from '../protocol';
import { isContextBlock, parseContextHeader } from './contextBlocks';
import { codeExecutionCallMarkdown, codeExecutionResultMarkdown } from './exportCodeExecution';
import { fenced, json } from './markdownFence';
import type { PriceLookup } from './pricing';
import { cacheWrites, fallbackPrices, turnCost } from './pricing';
import { serializeConversationInline } from './serialization';
import { UNTITLED } from './title';
import { isRecord } from '../guards';

/** The stored data (versioned, keys sorted), every block whole: attachments keep their data inline. */
export function conversationToJson(conversation: Conversation): string {
  return serializeConversationInline(conversation);
}

/** A readable Markdown transcript. */
export function conversationToMarkdown(conversation: Conversation, pricesFor: PriceLookup = fallbackPrices): string {
  const footnotes = new Footnotes();
  const out: string[] = [`# ${oneLine(conversation.title) || UNTITLED}`, ''];
  out.push(`Model: \`${conversation.model}\` · Started: ${new Date(conversation.createdAt).toISOString()}`, '');
  for (const turn of conversation.turns) {
    out.push(...(turn.role === 'user' ? userTurn(turn) : assistantTurn(turn, footnotes, pricesFor)));
  }
  out.push(...footnotes.render());
  return `${out.join('\n').trimEnd()}\n`;
}

function userTurn(turn: UserTurn): string[] {
  const out = ['## You', ''];
  // Attachment blocks lead the content, one per chip: shown as links to their files.
  const attachments = turn.attachments ?? [];
  if (attachments.length > 0) out.push(`Attached: ${attachments.map(attachmentLink).join(', ')}`, '');
  for (const block of turn.content.slice(attachments.length)) {
    out.push(...userBlock(block), '');
  }
  return out;
}

function attachmentLink(chip: AttachmentChip): string {
  const name = chip.name.replace(/[[\]]/g, '\\$&');
  return chip.path ? `[${name}](${encodeURI(chip.path)})` : name;
}

function userBlock(block: UserContentBlock): string[] {
  switch (block.type) {
    case 'text': {
      const header = isContextBlock(block) ? parseContextHeader(block.text) : undefined;
      if (!header) {
        return [block.text];
      }
      // Show the code without its header line and closing tag, under a readable label.
      const body = block.text.slice(block.text.indexOf('\n') + 1).replace(new RegExp(`\\n</${header.kind}>$`), '');
      const label = header.kind === 'file' ? header.path : `${header.path}:${header.startLine}-${header.endLine}`;
      return [`<details><summary>Context: ${escapeHtml(label)}</summary>`, '', ...fenced(body, header.language), '', '</details>'];
    }
    case 'tool_result': {
      const title = block.is_error ? `**Tool result** (error) for \`${block.tool_use_id}\`` : `**Tool result** for \`${block.tool_use_id}\``;
      const content = typeof block.content === 'string' ? block.content : block.content.map(blockText).join('\n');
      return [title, '', ...fenced(content, '')];
    }
    default:
      return [`_(${block.type} block)_`];
  }
}

function assistantTurn(turn: AssistantTurn, footnotes: Footnotes, pricesFor: PriceLookup): string[] {
  const out = [`## Claude (\`${turn.model}\`)`, ''];
  for (const block of turn.content) {
    out.push(...assistantBlock(block, footnotes), '');
  }
  if (turn.status === 'stopped') {
    out.push(turn.interrupted ? '_(Interrupted: the reply stops where the stream broke.)_' : '_(Stopped.)_', '');
  }
  if (turn.error) {
    out.push(`> **Error:** ${oneLine(turn.error.message)}`, '');
  }
  if (turn.usage) {
    out.push(usageLine(turn, pricesFor), '');
  }
  return out;
}

function assistantBlock(block: ContentBlock, footnotes: Footnotes): string[] {
  const field = (name: string): unknown => block[name];
  switch (block.type) {
    case 'text': {
      const text = field('text');
      const citations = field('citations');
      const marks = Array.isArray(citations) ? citations.filter(isCitation).map((c) => `[^${footnotes.add(c)}]`).join('') : '';
      return [`${typeof text === 'string' ? text : ''}${marks}`];
    }
    case 'thinking': {
      const thinking = field('thinking');
      return ['<details><summary>Thinking</summary>', '', typeof thinking === 'string' ? thinking : '', '', '</details>'];
    }
    case 'redacted_thinking':
      return ['_(Redacted thinking.)_'];
    case 'server_tool_use':
      return codeExecutionCallMarkdown(block) ?? toolCall(block);
    case 'tool_use':
      return toolCall(block);
    case 'web_search_tool_result':
      return webSearchResults(field('content'));
    case 'code_execution_tool_result':
    case 'bash_code_execution_tool_result':
    case 'text_editor_code_execution_tool_result':
      return codeExecutionResultMarkdown(block);
    default:
      return [`**${block.type}**`, '', ...fenced(json(block), 'json')];
  }
}

function toolCall(block: ContentBlock): string[] {
  return [`**Tool call** \`${String(block['name'])}\` (\`${String(block['id'])}\`)`, '', ...fenced(json(block['input']), 'json')];
}

function webSearchResults(content: unknown): string[] {
  if (!Array.isArray(content)) {
    return ['**Web search** failed', '', ...fenced(json(content), 'json')];
  }
  const lines = ['**Web search results**', ''];
  for (const result of content) {
    if (isRecord(result) && typeof result['url'] === 'string') {
      const title = typeof result['title'] === 'string' && result['title'] !== '' ? result['title'] : result['url'];
      lines.push(`- [${escapeLinkText(title)}](${linkUrl(result['url'])})`);
    }
  }
  return lines;
}

function usageLine(turn: AssistantTurn, pricesFor: PriceLookup): string {
  const usage = turn.usage;
  if (!usage) {
    return '';
  }
  const ttl = turn.cacheTtl ? { assumedTtl: turn.cacheTtl } : {};
  const writes = cacheWrites(usage, ttl);
  const cost = turnCost(usage, pricesFor(turn.model), ttl);
  const parts = [
    `${usage.input_tokens} input`,
    `${usage.output_tokens} output`,
    `${usage.cache_read_input_tokens ?? 0} cache read`,
    `${writes.fiveMinute + writes.oneHour} cache write`,
  ];
  if (cost.serverToolRequests > 0) {
    parts.push(`${cost.serverToolRequests} server tool requests`);
  }
  if (cost.dollars !== undefined) {
    parts.push(`$${cost.dollars.toFixed(4)}`);
  }
  return `<sub>Usage: ${parts.join(' · ')}</sub>`;
}

/** Numbers citations in order of first use; the same source cited twice shares a footnote. */
class Footnotes {
  private readonly notes = new Map<string, { n: number; text: string }>();

  add(citation: Citation): number {
    const text = citationText(citation);
    const existing = this.notes.get(text);
    if (existing) {
      return existing.n;
    }
    const n = this.notes.size + 1;
    this.notes.set(text, { n, text });
    return n;
  }

  render(): string[] {
    if (this.notes.size === 0) {
      return [];
    }
    return ['', ...[...this.notes.values()].map(({ n, text }) => `[^${n}]: ${text}`)];
  }
}

function citationText(citation: Citation): string {
  const quote = typeof citation.cited_text === 'string' && citation.cited_text !== '' ? ` — “${oneLine(citation.cited_text)}”` : '';
  const url = citation['url'];
  if (typeof url === 'string') {
    const title = citation['title'];
    return `[${escapeLinkText(typeof title === 'string' && title !== '' ? title : url)}](${linkUrl(url)})${quote}`;
  }
  const docTitle = citation['document_title'];
  const source = typeof docTitle === 'string' && docTitle !== '' ? docTitle : `${citation.type}`;
  return `${escapeLinkText(source)}${quote}`;
}

function blockText(block: { type: string; [key: string]: unknown }): string {
  return block.type === 'text' && typeof block['text'] === 'string' ? block['text'] : json(block);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeLinkText(text: string): string {
  return oneLine(text).replace(/([\\[\]])/g, '\\$1');
}

// Parentheses and spaces would end a Markdown link destination early.
function linkUrl(url: string): string {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isCitation(value: unknown): value is Citation {
  return isRecord(value) && typeof value['type'] === 'string';
}
