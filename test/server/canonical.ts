/**
 * Canonical serialization of a request's prompt (tools -> system -> messages), the one thing both
 * token counting and the prompt-cache simulation measure, so their figures always agree.
 */
import type { CacheControl } from '../../src/common/anthropic/types';
import type { PromptBlock } from './types';
import { isRecord } from '../../src/common/guards';

/** JSON with object keys sorted, so two requests that differ only in key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function cacheControlOf(block: unknown): CacheControl | undefined {
  if (!isRecord(block) || !isRecord(block.cache_control)) return undefined;
  const ttl = block.cache_control.ttl;
  return { type: 'ephemeral', ...(ttl === '1h' || ttl === '5m' ? { ttl } : {}) };
}

/** The block without `cache_control`: moving a breakpoint does not change the prompt itself. */
function withoutCacheControl(block: unknown): unknown {
  if (!isRecord(block)) return block;
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

function asBlocks(content: unknown): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

/**
 * The prompt as an ordered list of blocks: each tool, each system block, each message content block
 * (a string is one text block). A block's text carries its position (section, message index and
 * role), so equal prefixes of blocks mean byte-identical prompts. Message blocks are also salted with
 * `thinking` and `tool_choice`, because the real API drops message-level cache entries when those
 * change (tools and system stay cached).
 */
export function promptBlocks(request: Record<string, unknown>): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  const push = (text: string, source: unknown): void => {
    const cacheControl = cacheControlOf(source);
    blocks.push(cacheControl ? { text, cacheControl } : { text });
  };
  for (const tool of Array.isArray(request.tools) ? request.tools : []) {
    push(canonicalJson({ tool: withoutCacheControl(tool) }), tool);
  }
  for (const block of asBlocks(request.system)) {
    push(canonicalJson({ system: withoutCacheControl(block) }), block);
  }
  const salt = canonicalJson({ thinking: request.thinking ?? null, tool_choice: request.tool_choice ?? null });
  const messages = Array.isArray(request.messages) ? request.messages : [];
  messages.forEach((message: unknown, index) => {
    const role = isRecord(message) ? message.role : undefined;
    for (const block of asBlocks(isRecord(message) ? message.content : undefined)) {
      // The salt is not counted as prompt text (see countChars); it only keys the cache.
      push(canonicalJson({ message: index, role, block: withoutCacheControl(block) }) + `\u0000${salt}`, block);
    }
  });
  // A top-level cache_control (automatic caching) marks the last block, as the API does.
  const auto = cacheControlOf(request);
  const last = blocks[blocks.length - 1];
  if (auto && last && !last.cacheControl) last.cacheControl = auto;
  return blocks;
}

/** Characters of a block that count as prompt text (its serialization without the cache salt). */
export function countChars(block: PromptBlock): number {
  const cut = block.text.indexOf('\u0000');
  return cut < 0 ? block.text.length : cut;
}

/** The token estimate used everywhere: one token per 4 characters, rounded up. */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Prompt tokens of a request (what count_tokens answers and what the simulation splits up). */
export function countPromptTokens(request: Record<string, unknown>): number {
  return tokensForChars(promptBlocks(request).reduce((sum, block) => sum + countChars(block), 0));
}
