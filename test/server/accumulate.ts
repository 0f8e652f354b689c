/**
 * Turns a scripted stream into the Message a `stream: false` request gets, applying deltas the way
 * a client accumulator does (text, thinking, signature, tool input JSON, citations).
 */
import type { Message } from '../../src/common/anthropic/types';
import { isRecord } from './http';
import type { ScriptEvent } from './types';

type Block = Record<string, unknown>;

function applyDelta(block: Block, delta: Record<string, unknown>, json: Map<Block, string>): void {
  const append = (field: string, value: unknown): void => {
    if (typeof value === 'string') block[field] = `${typeof block[field] === 'string' ? block[field] : ''}${value}`;
  };
  switch (delta.type) {
    case 'text_delta': append('text', delta.text); break;
    case 'thinking_delta': append('thinking', delta.thinking); break;
    case 'signature_delta': append('signature', delta.signature); break;
    case 'input_json_delta': json.set(block, (json.get(block) ?? '') + (typeof delta.partial_json === 'string' ? delta.partial_json : '')); break;
    case 'citations_delta': block.citations = [...(Array.isArray(block.citations) ? block.citations : []), delta.citation]; break;
    default: break; // Unknown deltas carry nothing the message keeps.
  }
}

/** The message the events describe (unknown events are ignored). */
export function accumulateMessage(events: ScriptEvent[]): Message {
  let message: Message | undefined;
  const blocks: Block[] = [];
  const json = new Map<Block, string>();
  for (const event of events) {
    const index = typeof event.index === 'number' ? event.index : -1;
    if (event.type === 'message_start' && isRecord(event.message)) {
      message = { ...(event.message as unknown as Message) };
    } else if (event.type === 'content_block_start' && isRecord(event.content_block)) {
      blocks[index] = { ...event.content_block };
    } else if (event.type === 'content_block_delta' && isRecord(event.delta) && blocks[index]) {
      applyDelta(blocks[index], event.delta, json);
    } else if (event.type === 'message_delta' && message) {
      if (isRecord(event.delta)) Object.assign(message, event.delta);
      if (isRecord(event.usage)) message.usage = { ...message.usage, ...event.usage };
    }
  }
  for (const [block, text] of json) block.input = text === '' ? {} : (JSON.parse(text) as unknown);
  if (!message) throw new Error('the scripted events have no message_start');
  return { ...message, content: blocks.filter(Boolean) as Message['content'] };
}
