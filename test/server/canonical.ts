/**
 * Canonical serialization of a request's prompt (tools -> system -> messages), the one thing both
 * token counting and the prompt-cache simulation measure, so their figures always agree.
 */
import { createHash } from 'node:crypto';
import type { CacheControl } from '../../src/common/anthropic/types';
import { decodeBase64, sniffImage } from './rules/imageBytes';
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

/** An image costs about width × height / 750 tokens, at most ~1600 (the API scales larger ones down). */
const MAX_IMAGE_TOKENS = 1600;
/** A PDF page: its text and the page as an image, roughly. */
const TOKENS_PER_PDF_PAGE = 1500;

/**
 * For an image or base64 document block: the block with its data replaced by the data's SHA-256
 * (the same bytes give the same prompt, without carrying megabytes through every prefix key) and
 * the tokens it counts as. Undefined for every other block.
 */
function binaryBlock(block: unknown): { keyed: unknown; tokens: number } | undefined {
  if (!isRecord(block) || (block.type !== 'image' && block.type !== 'document') || !isRecord(block.source)) return undefined;
  const source = block.source;
  if (source.type !== 'base64' || typeof source.data !== 'string') return undefined;
  const bytes = decodeBase64(source.data) ?? Buffer.alloc(0);
  const keyed = { ...block, source: { ...source, data: createHash('sha256').update(source.data).digest('hex') } };
  if (block.type === 'image') {
    const image = sniffImage(bytes);
    const tokens = image?.width && image.height ? Math.min(MAX_IMAGE_TOKENS, Math.ceil((image.width * image.height) / 750)) : MAX_IMAGE_TOKENS;
    return { keyed, tokens: Math.max(1, tokens) };
  }
  const pages = bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 1;
  return { keyed, tokens: Math.max(1, pages) * TOKENS_PER_PDF_PAGE };
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
  const push = (text: string, source: unknown, chars?: number): void => {
    const cacheControl = cacheControlOf(source);
    blocks.push({ text, ...(cacheControl ? { cacheControl } : {}), ...(chars === undefined ? {} : { chars }) });
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
      const binary = binaryBlock(block);
      const keyed = canonicalJson({ message: index, role, block: withoutCacheControl(binary ? binary.keyed : block) });
      push(`${keyed}\u0000${salt}`, block, binary ? binary.tokens * 4 : undefined);
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
  if (block.chars !== undefined) return block.chars;
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
