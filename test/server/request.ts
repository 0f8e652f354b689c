/** Reading the parts of a Messages request that replies depend on, and matching scripted replies. */
import { isRecord } from './http';
import type { RecordedRequest, ScriptedReply } from './types';

function lastUserContent(json: unknown): unknown[] {
  if (!isRecord(json) || !Array.isArray(json.messages)) return [];
  for (let index = json.messages.length - 1; index >= 0; index--) {
    const message: unknown = json.messages[index];
    if (isRecord(message) && message.role === 'user') {
      return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : Array.isArray(message.content) ? message.content : [];
    }
  }
  return [];
}

function blockText(block: unknown): string {
  if (!isRecord(block)) return '';
  if (block.type === 'text' && typeof block.text === 'string') return block.text;
  if (block.type === 'tool_result') {
    if (typeof block.content === 'string') return block.content;
    if (Array.isArray(block.content)) return block.content.map(blockText).join('\n');
  }
  return '';
}

/** All text of the last user message: text blocks and tool_result text, joined by newlines. */
export function lastUserText(json: unknown): string {
  return lastUserContent(json).map(blockText).filter((text) => text !== '').join('\n');
}

/** The last text block of the last user message (what the person typed, after any context blocks). */
export function lastUserPrompt(json: unknown): string {
  const texts = lastUserContent(json).filter((block) => isRecord(block) && block.type === 'text').map(blockText);
  return texts[texts.length - 1] ?? '';
}

/** True when the last user message carries tool results. */
export function lastUserHasToolResult(json: unknown): boolean {
  return lastUserContent(json).some((block) => isRecord(block) && block.type === 'tool_result');
}

/** Whether a scripted reply may answer this request (messages by default; `when` and `predicate` must hold). */
export function replyMatches(reply: ScriptedReply, request: RecordedRequest): boolean {
  const when = reply.when ?? {};
  if (request.path !== (when.path ?? '/v1/messages')) return false;
  if (when.lastUserTextIncludes !== undefined && !lastUserText(request.json).includes(when.lastUserTextIncludes)) return false;
  if (when.model !== undefined && !(isRecord(request.json) && request.json.model === when.model)) return false;
  return reply.predicate ? reply.predicate(request) : true;
}
