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
  ImageBlock,
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
export function markAsContext<T extends TextBlock | DocumentBlock | ImageBlock>(block: T): T {
  return { ...block, editorContext: true };
}

/** What cleaning does besides removing every `cache_control`. */
interface Cleaning {
  /** Remove `editorContext` too: only stored history keeps it, no request sends it. */
  stripEditorContext: boolean;
  /**
   * Turn string contents into one text block, so the prefix has the same form whether or not a
   * marker lands on that turn.
   */
  stringsAsTextBlocks: boolean;
}

const FOR_STORING: Cleaning = { stripEditorContext: false, stringsAsTextBlocks: false };
const FOR_SENDING: Cleaning = { stripEditorContext: true, stringsAsTextBlocks: false };
const FOR_SENDING_WITH_MARKERS: Cleaning = { stripEditorContext: true, stringsAsTextBlocks: true };

/** A copy of `block` without `cache_control` (and without `editorContext` when the cleaning says so). */
function cleanBlock<T extends object>(block: T, cleaning: Cleaning): T {
  const record = block as Record<string, unknown>;
  let nested: unknown;
  // tool_result blocks may hold blocks of their own that were marked.
  if (record['type'] === 'tool_result' && Array.isArray(record['content'])) {
    const inner = record['content'] as object[];
    const cleaned = inner.map((b) => cleanBlock(b, cleaning));
    if (cleaned.some((b, i) => b !== inner[i])) nested = cleaned;
  }
  const hasMarker = 'cache_control' in record || (cleaning.stripEditorContext && 'editorContext' in record);
  if (!hasMarker && nested === undefined) return block;
  const copy: Record<string, unknown> = { ...record };
  delete copy['cache_control'];
  if (cleaning.stripEditorContext) delete copy['editorContext'];
  if (nested !== undefined) copy['content'] = nested;
  return copy as T;
}

function cleanMessages(messages: readonly MessageParam[], cleaning: Cleaning): MessageParam[] {
  return messages.map((message) => {
    if (typeof message.content === 'string') {
      return cleaning.stringsAsTextBlocks ? ({ role: message.role, content: [{ type: 'text', text: message.content }] } as MessageParam) : message;
    }
    const blocks = message.content as AnyBlock[];
    const cleaned = blocks.map((b) => cleanBlock(b, cleaning));
    return cleaned.some((b, i) => b !== blocks[i]) ? ({ ...message, content: cleaned } as MessageParam) : message;
  });
}

/**
 * The history without any `cache_control` markers (editor-context marks are kept). Store this,
 * so markers placed for one request never accumulate in later ones.
 */
export function stripCacheControl(messages: readonly MessageParam[]): MessageParam[] {
  return cleanMessages(messages, FOR_STORING);
}

/** The request with every `cache_control` and `editorContext` removed: what is sent with caching off. */
export function stripCacheMarkers(request: MessagesRequest): MessagesRequest {
  const out: MessagesRequest = { ...request, messages: cleanMessages(request.messages, FOR_SENDING) };
  if (Array.isArray(request.system)) out.system = request.system.map((b) => cleanBlock(b, FOR_SENDING));
  if (request.tools) out.tools = request.tools.map((t) => cleanBlock(t, FOR_SENDING));
  delete out.cache_control;
  return out;
}

interface Position {
  message: number;
  block: number;
}

/** A place for one marker: a block of a message, the last system block, or the last tool. */
type BreakpointSlot = { kind: 'message'; at: Position } | { kind: 'system' } | { kind: 'tool' };

/** The parts of the prefix that can carry a marker, as cleaned copies the markers can be put in. */
interface CachePrefix {
  messages: MessageParam[];
  system: SystemTextBlock[] | undefined;
  tools: Tool[] | undefined;
}

/**
 * Returns a copy of `request` with at most four `cache_control: {type: 'ephemeral', ttl}` markers
 * on the stable prefix (see the module comment for where and in which priority), a string system
 * prompt turned into one text block, string message contents turned into one text block, and all
 * earlier markers and `editorContext` marks removed.
 */
export function placeCacheBreakpoints(request: MessagesRequest, ttl: '5m' | '1h'): MessagesRequest {
  const marker: CacheControl = { type: 'ephemeral', ttl };
  const prefix = cleanPrefix(request);
  const slots = breakpointSlots(request.messages, prefix);
  for (const slot of slots.slice(0, MAX_CACHE_BREAKPOINTS)) markSlot(prefix, slot, marker);
  const out: MessagesRequest = { ...request, messages: prefix.messages };
  if (prefix.system) out.system = prefix.system;
  else delete out.system;
  if (prefix.tools) out.tools = prefix.tools;
  delete out.cache_control;
  return out;
}

function cleanPrefix(request: MessagesRequest): CachePrefix {
  const messages = cleanMessages(request.messages, FOR_SENDING_WITH_MARKERS);
  const system: SystemTextBlock[] | undefined =
    typeof request.system === 'string'
      ? request.system.length > 0
        ? [{ type: 'text', text: request.system }]
        : undefined
      : request.system?.map((b) => cleanBlock(b, FOR_SENDING_WITH_MARKERS));
  const tools: Tool[] | undefined = request.tools?.map((t) => cleanBlock(t, FOR_SENDING_WITH_MARKERS));
  return { messages, system, tools };
}

/**
 * Where markers may go, highest priority first (the newest turn, the previous turn, the system
 * prompt, editor context, the tools); only the first four get one. `original` is the history as
 * given, which still has the `editorContext` marks that cleaning removed from `prefix`.
 */
function breakpointSlots(original: readonly MessageParam[], prefix: CachePrefix): BreakpointSlot[] {
  const { messages, system, tools } = prefix;
  const userTurns = userTurnIndexes(messages);
  const newest = lastBlockOf(messages, userTurns.at(-1));
  const previous = lastBlockOf(messages, userTurns.at(-2));
  const hasSystem = system !== undefined && system.length > 0;
  const slots: BreakpointSlot[] = [];
  if (newest) slots.push({ kind: 'message', at: newest });
  if (previous) slots.push({ kind: 'message', at: previous });
  if (hasSystem) slots.push({ kind: 'system' });
  for (const context of newestContextBlocks(original, userTurns)) {
    if (!samePosition(context, newest) && !samePosition(context, previous)) slots.push({ kind: 'message', at: context });
  }
  if (tools && tools.length > 0 && !hasSystem) slots.push({ kind: 'tool' });
  return slots;
}

/** Indexes of the user turns that have blocks, oldest first. */
function userTurnIndexes(messages: readonly MessageParam[]): number[] {
  const userTurns: number[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'user' && Array.isArray(m.content) && m.content.length > 0) userTurns.push(i);
  });
  return userTurns;
}

function lastBlockOf(messages: readonly MessageParam[], messageIndex: number | undefined): Position | undefined {
  if (messageIndex === undefined) return undefined;
  const content = messages[messageIndex]?.content;
  return Array.isArray(content) && content.length > 0 ? { message: messageIndex, block: content.length - 1 } : undefined;
}

function samePosition(a: Position, b: Position | undefined): boolean {
  return !!b && a.message === b.message && a.block === b.block;
}

/**
 * Every context block of the newest turn that has any (file first, then selection): each is its
 * own cached block, so a follow-up about the same file reads it even when turns change around it.
 */
function newestContextBlocks(original: readonly MessageParam[], userTurns: readonly number[]): Position[] {
  const contexts: Position[] = [];
  for (let u = userTurns.length - 1; u >= 0 && contexts.length === 0; u--) {
    const index = userTurns[u] as number;
    const content = original[index]?.content;
    if (!Array.isArray(content)) continue;
    content.forEach((block, b) => {
      if (isContextBlock(block as AnyBlock)) contexts.push({ message: index, block: b });
    });
  }
  return contexts;
}

/** Puts `marker` on the slot's block, replacing that block (and its message) by a marked copy. */
function markSlot(prefix: CachePrefix, slot: BreakpointSlot, marker: CacheControl): void {
  const { messages, system, tools } = prefix;
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
