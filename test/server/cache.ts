/**
 * The prompt-cache simulation. It follows the documented behaviour of Anthropic prompt caching:
 *
 * - The prompt is the ordered blocks tools -> system -> messages (see canonical.ts).
 * - Each block with `cache_control` is a breakpoint; the prefix up to and including it is written
 *   to the cache (with the breakpoint's ttl, 5m by default) unless it was read.
 * - A request reads the longest previously written prefix that is byte-identical to its own, found
 *   by checking each breakpoint and up to 20 blocks before it (the API's lookback window).
 * - Reading refreshes the entry's ttl. Prefixes below `minCacheableTokens` are neither read nor written.
 * - Usage: cache_read = tokens of the prefix read; cache_creation = tokens between the read prefix
 *   and the last written breakpoint, split by the ttl of the breakpoint ending each segment;
 *   input_tokens = the rest. All three add up to the prompt's token count.
 * - Entries are per model.
 */
import { createHash } from 'node:crypto';
import { countChars, tokensForChars } from './canonical';
import type { PromptBlock } from './types';

/** How many blocks before a breakpoint the API checks for an earlier cache entry. */
export const LOOKBACK_BLOCKS = 20;
const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/** The usage figures a request gets from the simulation. */
export interface CacheUsage {
  promptTokens: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  ephemeral5mTokens: number;
  ephemeral1hTokens: number;
  /** Index of the last block read from cache, or -1. */
  readThroughBlock: number;
}

interface Entry {
  expiresAt: number;
  ttlMs: number;
}

/** The cache store and the read/write rules; one per server. */
export class PromptCache {
  private readonly entries = new Map<string, Entry>();

  /** `now` is injectable so tests can expire entries without waiting. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** How many prefixes are stored (expired ones included until touched). */
  get size(): number {
    return this.entries.size;
  }

  /** Computes usage for one request, reading and writing the store as the API would. */
  simulate(model: string, blocks: PromptBlock[], minCacheableTokens = 0): CacheUsage {
    const keys = prefixKeys(model, blocks);
    const tokensAt = prefixTokens(blocks);
    const promptTokens = tokensAt[blocks.length - 1] ?? 0;
    const tokens = (index: number): number => (index < 0 ? 0 : (tokensAt[index] ?? 0));
    const breakpoints = blocks.flatMap((block, index) => (block.cacheControl ? [index] : []));
    const now = this.now();

    let read = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= Math.max(0, breakpoint - LOOKBACK_BLOCKS); index--) {
        if (index <= read) break;
        const entry = this.entries.get(keys[index] ?? '');
        if (entry && entry.expiresAt > now && tokens(index) >= minCacheableTokens) {
          read = index;
          break;
        }
      }
    }
    if (read >= 0) {
      const entry = this.entries.get(keys[read] ?? '');
      if (entry) entry.expiresAt = now + entry.ttlMs;
    }

    let written = read;
    let ephemeral5mTokens = 0;
    let ephemeral1hTokens = 0;
    for (const breakpoint of breakpoints) {
      if (breakpoint <= read || tokens(breakpoint) < minCacheableTokens) continue;
      const ttl = blocks[breakpoint]?.cacheControl?.ttl === '1h' ? '1h' : '5m';
      const segment = tokens(breakpoint) - tokens(written);
      if (ttl === '1h') ephemeral1hTokens += segment;
      else ephemeral5mTokens += segment;
      this.entries.set(keys[breakpoint] ?? '', { expiresAt: now + TTL_MS[ttl], ttlMs: TTL_MS[ttl] });
      written = breakpoint;
    }
    const cacheReadTokens = tokens(read);
    const cacheCreationTokens = ephemeral5mTokens + ephemeral1hTokens;
    return {
      promptTokens,
      inputTokens: promptTokens - cacheReadTokens - cacheCreationTokens,
      cacheReadTokens,
      cacheCreationTokens,
      ephemeral5mTokens,
      ephemeral1hTokens,
      readThroughBlock: read,
    };
  }
}

/** A hash chain: key i identifies the model plus blocks 0..i exactly. */
function prefixKeys(model: string, blocks: PromptBlock[]): string[] {
  let previous = createHash('sha256').update(`model:${model}`).digest('hex');
  return blocks.map((block) => {
    previous = createHash('sha256').update(previous).update('\n').update(block.text).digest('hex');
    return previous;
  });
}

/** Tokens of each prefix, from cumulative characters (so prefixes and the total agree). */
function prefixTokens(blocks: PromptBlock[]): number[] {
  let chars = 0;
  return blocks.map((block) => tokensForChars((chars += countChars(block))));
}
