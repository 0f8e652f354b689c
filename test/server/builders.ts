/**
 * Builders of scripted replies that stream like the real API. They return plain JSON (so they can
 * also go through `POST /__control/enqueue`) and leave usage, ids and model out unless given: the
 * server fills them from the request and the prompt-cache simulation.
 */
import { randomBytes } from 'node:crypto';
import type { StopReason, Usage } from '../../src/common/anthropic/types';
import type { EventsReply, ReplyMatch, ScriptEvent } from './types';

/** Options every event builder takes. */
export interface ReplyOptions {
  when?: ReplyMatch;
  delayMs?: number;
  chunkSize?: number;
  /** Explicit usage; its fields win over the simulated ones (in message_start and message_delta). */
  usage?: Partial<Usage>;
}

/** Splits text into word-sized pieces (each word with the whitespace after it); joined they give the text back. */
export function splitWords(text: string): string[] {
  const pieces: string[] = [];
  for (const part of text.match(/\s+|\S+/g) ?? []) {
    const last = pieces.length - 1;
    if (/^\s/.test(part) && last >= 0) pieces[last] += part;
    else pieces.push(part);
  }
  return pieces;
}

/** Splits a string into pieces of at most `size` characters. */
export function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** A random id with the API's prefix style (`toolu_…`, `srvtoolu_…`). */
export function fakeId(prefix: string): string {
  return `${prefix}_test_${randomBytes(9).toString('hex')}`;
}

/** `message_start` without usage, id or model (the server fills them) unless usage is given. */
export function messageStart(usage?: Partial<Usage>): ScriptEvent {
  const message: Record<string, unknown> = {
    type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null,
  };
  if (usage) message.usage = usage;
  return { type: 'message_start', message };
}

/** `message_delta` + `message_stop`. */
export function messageEnd(stopReason: StopReason, usage?: Partial<Usage>, stopSequence: string | null = null): ScriptEvent[] {
  return [
    { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: stopSequence }, usage: usage ?? {} },
    { type: 'message_stop' },
  ];
}

/** A text block at `index`, streamed word by word, optionally starting with citations. */
export function textBlockEvents(index: number, text: string, citations: Record<string, unknown>[] = []): ScriptEvent[] {
  const start: Record<string, unknown> = { type: 'text', text: '' };
  if (citations.length > 0) start.citations = [];
  return [
    { type: 'content_block_start', index, content_block: start },
    ...citations.map((citation) => ({ type: 'content_block_delta', index, delta: { type: 'citations_delta', citation } })),
    ...splitWords(text).map((piece) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } })),
    { type: 'content_block_stop', index },
  ];
}

/** A tool_use (or server_tool_use) block whose input arrives as input_json_delta pieces. */
export function toolBlockEvents(index: number, block: { type: string; id: string; name: string }, input: unknown, pieceSize = 12): ScriptEvent[] {
  const json = JSON.stringify(input ?? {});
  return [
    { type: 'content_block_start', index, content_block: { ...block, input: {} } },
    // The API opens with an empty partial_json; clients must cope with it.
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } },
    ...splitEvery(json, pieceSize).map((piece) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } })),
    { type: 'content_block_stop', index },
  ];
}

/** Wraps events into a reply, with a ping after the first block starts (as the API does). */
export function eventsReply(events: ScriptEvent[], options: ReplyOptions = {}): EventsReply {
  const withPing = [...events];
  const firstBlock = withPing.findIndex((event) => event.type === 'content_block_start');
  if (firstBlock >= 0) withPing.splice(firstBlock + 1, 0, { type: 'ping' });
  const reply: EventsReply = { kind: 'events', events: withPing };
  if (options.when) reply.when = options.when;
  if (options.delayMs !== undefined) reply.delayMs = options.delayMs;
  if (options.chunkSize !== undefined) reply.chunkSize = options.chunkSize;
  return reply;
}

/** A plain text answer. */
export function textReply(text: string, options: ReplyOptions & { stopReason?: StopReason; stopSequence?: string } = {}): EventsReply {
  return eventsReply([
    messageStart(options.usage),
    ...textBlockEvents(0, text),
    ...messageEnd(options.stopReason ?? 'end_turn', options.usage, options.stopSequence ?? null),
  ], options);
}

/** A deterministic fake signature for thinking (clients must send it back unchanged). */
export function fakeSignature(thinking: string): string {
  return `sig_${Buffer.from(thinking).toString('base64').slice(0, 24)}_${randomBytes(12).toString('base64')}`;
}

/** A thinking block at `index`: thinking_delta pieces, then one signature_delta. */
export function thinkingBlockEvents(index: number, thinking: string): ScriptEvent[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
    ...splitWords(thinking).map((piece) => ({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } })),
    { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: fakeSignature(thinking) } },
    { type: 'content_block_stop', index },
  ];
}

/** Thinking (thinking_delta pieces then one signature_delta), then text. */
export function thinkingReply(thinking: string, text: string, options: ReplyOptions = {}): EventsReply {
  return eventsReply([
    messageStart(options.usage),
    ...thinkingBlockEvents(0, thinking),
    ...textBlockEvents(1, text),
    ...messageEnd('end_turn', options.usage),
  ], options);
}

/** A redacted_thinking block (arrives whole in content_block_start), then text. */
export function redactedThinkingReply(text: string, data = `redacted_${randomBytes(24).toString('base64')}`, options: ReplyOptions = {}): EventsReply {
  return eventsReply([
    messageStart(options.usage),
    { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data } },
    { type: 'content_block_stop', index: 0 },
    ...textBlockEvents(1, text),
    ...messageEnd('end_turn', options.usage),
  ], options);
}

/**
 * A client tool call (`stop_reason: tool_use`), optionally after thinking (signed, as a thinking
 * model calls a tool: the block must come back unchanged with the tool result) and some text.
 */
export function toolUseReply(
  name: string,
  input: unknown,
  options: ReplyOptions & { id?: string; text?: string; thinking?: string; pieceSize?: number } = {},
): EventsReply {
  const lead: ScriptEvent[] = [];
  if (options.thinking !== undefined) lead.push(...thinkingBlockEvents(0, options.thinking));
  if (options.text) lead.push(...textBlockEvents(options.thinking !== undefined ? 1 : 0, options.text));
  const index = lead.filter((event) => event.type === 'content_block_start').length;
  const block = { type: 'tool_use', id: options.id ?? fakeId('toolu'), name };
  return eventsReply([
    messageStart(options.usage),
    ...lead,
    ...toolBlockEvents(index, block, input, options.pieceSize),
    ...messageEnd('tool_use', options.usage),
  ], options);
}
