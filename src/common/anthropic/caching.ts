/**
 * Prompt-cache breakpoints. The API caches the prompt prefix (tools, then system, then messages)
 * up to each block marked `cache_control`; a later request reads it when its own prefix up to a
 * marker matches a written one, looking back at most about 20 blocks from each marker. At most four
 * markers are allowed. This module places them on the stable parts of the prefix:
 *
 * 1. the newest user turn's last block: writes the whole conversation for the next request;
 * 2. the previous user turn's last block: exactly where the previous request wrote, so it is read
 *    back however many blocks the assistant's reply (thinking, tool calls) added since — no reliance
 *    on the 20-block lookback;
 * 3. the last system block (its prefix includes the tools), or the last tool when there is no system;
 * 4. the last editor-context block (a `document` block, or a block with `editorContext: true`), so a
 *    new conversation about the same file reuses it.
 *
 * `editorContext` is this extension's marker, not an API field: it lives in the stored history and
 * is stripped from every request. Old `cache_control` markers are stripped too, so they never pile
 * up as the conversation grows. Inputs are never mutated: changed blocks are copied.
 */
import type {
  CacheControl,
  ContentBlock,
  DocumentBlock,
  MessageParam,
  MessagesRequest,
  SystemTextBlock,
  TextBlock,
  Tool,
  UserContentBlock,
} from './types';

/** The most `cache_control` markers one request may carry. */
export const MAX_CACHE_BREAKPOINTS = 4;

type AnyBlock = ContentBlock | UserContentBlock;

/** True for blocks that carry editor context: `document` blocks and blocks marked `editorContext`. */
export function isContextBlock(block: AnyBlock): boolean {
  return block.type === 'document' || (block as { editorContext?: unknown }).editorContext === true;
}

/** A copy of `block` marked as editor context (kept in history, stripped before sending). */
export function markAsContext<T extends TextBlock | DocumentBlock>(block: T): T {
  return { ...block, editorContext: true };
}

/** A copy of `block` without `cache_control` (and without `editorContext` when `forSending`). */
function cleanBlock<T extends object>(block: T, forSending: boolean): T {
  const record = block as Record<string, unknown>;
  let nested: unknown;
  // tool_result blocks may hold blocks of their own that were marked.
  if (record['type'] === 'tool_result' && Array.isArray(record['content'])) {
    const inner = record['content'] as object[];
    const cleaned = inner.map((b) => cleanBlock(b, forSending));
    if (cleaned.some((b, i) => b !== inner[i])) nested = cleaned;
  }
  const hasMarker = 'cache_control' in record || (forSending && 'editorContext' in record);
  if (!hasMarker && nested === undefined) return block;
  const copy: Record<string, unknown> = { ...record };
  delete copy['cache_control'];
  if (forSending) delete copy['editorContext'];
  if (nested !== undefined) copy['content'] = nested;
  return copy as T;
}

function cleanMessages(messages: readonly MessageParam[], forSending: boolean, normalize: boolean): MessageParam[] {
  return messages.map((message) => {
    if (typeof message.content === 'string') {
      // One text block instead of a string, so the prefix has the same form whether or not a
      // marker lands on this turn.
      return normalize ? ({ role: message.role, content: [{ type: 'text', text: message.content }] } as MessageParam) : message;
    }
    const blocks = message.content as AnyBlock[];
    const cleaned = blocks.map((b) => cleanBlock(b, forSending));
    return cleaned.some((b, i) => b !== blocks[i]) ? ({ ...message, content: cleaned } as MessageParam) : message;
  });
}

/**
 * The history without any `cache_control` markers (editor-context marks are kept). Store this,
 * so markers placed for one request never accumulate in later ones.
 */
export function stripCacheControl(messages: readonly MessageParam[]): MessageParam[] {
  return cleanMessages(messages, false, false);
}

/** The request with every `cache_control` and `editorContext` removed: what is sent with caching off. */
export function stripCacheMarkers(request: MessagesRequest): MessagesRequest {
  const out: MessagesRequest = { ...request, messages: cleanMessages(request.messages, true, false) };
  if (Array.isArray(request.system)) out.system = request.system.map((b) => cleanBlock(b, true));
  if (request.tools) out.tools = request.tools.map((t) => cleanBlock(t, true));
  delete out.cache_control;
  return out;
}

interface Position {
  message: number;
  block: number;
}

/**
 * Returns a copy of `request` with at most four `cache_control: {type: 'ephemeral', ttl}` markers
 * on the stable prefix (see the module comment for where and in which priority), a string system
 * prompt turned into one text block, string message contents turned into one text block, and all
 * earlier markers and `editorContext` marks removed.
 */
export function placeCacheBreakpoints(request: MessagesRequest, ttl: '5m' | '1h'): MessagesRequest {
  const marker: CacheControl = { type: 'ephemeral', ttl };
  const messages = cleanMessages(request.messages, true, true);
  const system: SystemTextBlock[] | undefined =
    typeof request.system === 'string'
      ? request.system.length > 0
        ? [{ type: 'text', text: request.system }]
        : undefined
      : request.system?.map((b) => cleanBlock(b, true));
  const tools: Tool[] | undefined = request.tools?.map((t) => cleanBlock(t, true));

  const userTurns: number[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'user' && Array.isArray(m.content) && m.content.length > 0) userTurns.push(i);
  });
  const lastOf = (messageIndex: number | undefined): Position | undefined => {
    if (messageIndex === undefined) return undefined;
    const content = messages[messageIndex]?.content;
    return Array.isArray(content) && content.length > 0 ? { message: messageIndex, block: content.length - 1 } : undefined;
  };
  const newest = lastOf(userTurns.at(-1));
  const previous = lastOf(userTurns.at(-2));
  // Every context block of the newest turn that has any (file first, then selection): each is its
  // own cached block, so a follow-up about the same file reads it even when turns change around it.
  const contexts: Position[] = [];
  for (let u = userTurns.length - 1; u >= 0 && contexts.length === 0; u--) {
    const index = userTurns[u] as number;
    const content = request.messages[index]?.content;
    if (!Array.isArray(content)) continue;
    content.forEach((block, b) => {
      if (isContextBlock(block as AnyBlock)) contexts.push({ message: index, block: b });
    });
  }

  type Slot = { kind: 'message'; at: Position } | { kind: 'system' } | { kind: 'tool' };
  const candidates: Slot[] = [];
  const same = (a: Position, b: Position | undefined): boolean => !!b && a.message === b.message && a.block === b.block;
  if (newest) candidates.push({ kind: 'message', at: newest });
  if (previous) candidates.push({ kind: 'message', at: previous });
  if (system && system.length > 0) candidates.push({ kind: 'system' });
  for (const context of contexts) {
    if (!same(context, newest) && !same(context, previous)) candidates.push({ kind: 'message', at: context });
  }
  if (tools && tools.length > 0 && !(system && system.length > 0)) candidates.push({ kind: 'tool' });

  for (const slot of candidates.slice(0, MAX_CACHE_BREAKPOINTS)) {
    if (slot.kind === 'system' && system) {
      const last = system.length - 1;
      system[last] = { ...(system[last] as SystemTextBlock), cache_control: marker };
    } else if (slot.kind === 'tool' && tools) {
      const last = tools.length - 1;
      tools[last] = { ...(tools[last] as Tool), cache_control: marker };
    } else if (slot.kind === 'message') {
      const message = messages[slot.at.message] as MessageParam;
      const content = [...(message.content as AnyBlock[])];
      content[slot.at.block] = { ...(content[slot.at.block] as AnyBlock), cache_control: marker } as AnyBlock;
      messages[slot.at.message] = { ...message, content } as MessageParam;
    }
  }

  const out: MessagesRequest = { ...request, messages };
  if (system) out.system = system;
  else delete out.system;
  if (tools) out.tools = tools;
  delete out.cache_control;
  return out;
}
