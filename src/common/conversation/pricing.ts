/**
 * What a turn and a conversation cost, from the `usage` the API reports.
 *
 * Prompt caching multipliers are the API's published ones: cache writes cost 1.25x the base input
 * price for the 5-minute TTL and 2x for the 1-hour TTL; cache reads have their own per-model price.
 * Web search is billed per request ($10 per 1,000 unless the price table says otherwise); web fetch
 * costs nothing beyond the tokens it adds. Long-context surcharges, batch discounts and regional
 * multipliers are not modelled: this is an estimate shown to the user, not a bill.
 */
import { builtInModel, type ModelPricing } from '../anthropic/models';
import type { Usage } from '../anthropic/types';
import type { ConversationTotals, TurnCost } from '../protocol';
import type { CacheTtl, Conversation } from './model';

/** Dollar prices of one model. The API client's model table maps into this shape. */
export interface ModelPrices {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  /** Dollars per 1,000 web searches; $10 when left out. */
  webSearchPer1k?: number;
}

/** Looks prices up by model id; undefined when unknown. */
export type PriceLookup = (model: string) => ModelPrices | undefined;

/** What is known about the cache TTL of a turn's writes. */
export interface CacheTtlInfo {
  /**
   * The TTL assumed for cache writes when usage has no per-TTL split (`usage.cache_creation`),
   * as with gateways that only report `cache_creation_input_tokens`. Default `5m`.
   */
  assumedTtl?: CacheTtl;
}

export const CACHE_WRITE_5M_MULTIPLIER = 1.25;
export const CACHE_WRITE_1H_MULTIPLIER = 2;
export const DEFAULT_WEB_SEARCH_PER_1K = 10;

/** Cache write token counts of a turn, split by TTL. */
export interface CacheWrites {
  fiveMinute: number;
  oneHour: number;
}

/** Splits `usage`'s cache writes by TTL, using `usage.cache_creation` when the API reports it. */
export function cacheWrites(usage: Usage, ttl: CacheTtlInfo = {}): CacheWrites {
  const split = usage.cache_creation;
  const fiveMinute = split?.ephemeral_5m_input_tokens;
  const oneHour = split?.ephemeral_1h_input_tokens;
  if (fiveMinute !== undefined || oneHour !== undefined) {
    return { fiveMinute: fiveMinute ?? 0, oneHour: oneHour ?? 0 };
  }
  const all = usage.cache_creation_input_tokens ?? 0;
  return ttl.assumedTtl === '1h' ? { fiveMinute: 0, oneHour: all } : { fiveMinute: all, oneHour: 0 };
}

/** The cost of one turn; `dollars` is undefined when the prices are unknown. */
export function turnCost(usage: Usage, prices: ModelPrices | undefined, ttl: CacheTtlInfo = {}): TurnCost {
  const searches = usage.server_tool_use?.web_search_requests ?? 0;
  const fetches = usage.server_tool_use?.web_fetch_requests ?? 0;
  const cost: TurnCost = { serverToolRequests: searches + fetches };
  if (!prices) {
    return cost;
  }
  const writes = cacheWrites(usage, ttl);
  const tokenDollars =
    usage.input_tokens * prices.inputPerMTok +
    usage.output_tokens * prices.outputPerMTok +
    (usage.cache_read_input_tokens ?? 0) * prices.cacheReadPerMTok +
    writes.fiveMinute * prices.inputPerMTok * CACHE_WRITE_5M_MULTIPLIER +
    writes.oneHour * prices.inputPerMTok * CACHE_WRITE_1H_MULTIPLIER;
  const searchDollars = (searches * (prices.webSearchPer1k ?? DEFAULT_WEB_SEARCH_PER_1K)) / 1000;
  cost.dollars = tokenDollars / 1_000_000 + searchDollars;
  return cost;
}

/**
 * Running totals of a conversation. `dollars` is left out as soon as one turn with usage has
 * unknown prices: a partial sum would look like the whole cost. The cache hit rate is
 * cache reads / (input + cache reads + cache writes), i.e. the share of prompt tokens read from cache.
 */
export function conversationTotals(conversation: Conversation, pricesFor: PriceLookup = fallbackPrices): ConversationTotals {
  let inputTokens = 0;
  let outputTokens = 0;
  let cacheReadTokens = 0;
  let cacheCreationTokens = 0;
  let dollars: number | undefined = 0;
  for (const turn of conversation.turns) {
    if (turn.role !== 'assistant' || !turn.usage) {
      continue;
    }
    const usage = turn.usage;
    const ttl: CacheTtlInfo = turn.cacheTtl ? { assumedTtl: turn.cacheTtl } : {};
    const writes = cacheWrites(usage, ttl);
    inputTokens += usage.input_tokens;
    outputTokens += usage.output_tokens;
    cacheReadTokens += usage.cache_read_input_tokens ?? 0;
    cacheCreationTokens += writes.fiveMinute + writes.oneHour;
    const cost = turnCost(usage, pricesFor(turn.model), ttl);
    dollars = dollars === undefined || cost.dollars === undefined ? undefined : dollars + cost.dollars;
  }
  const prompt = inputTokens + cacheReadTokens + cacheCreationTokens;
  const totals: ConversationTotals = {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheCreationTokens,
    cacheHitRate: prompt === 0 ? 0 : cacheReadTokens / prompt,
  };
  if (dollars !== undefined) {
    totals.dollars = dollars;
  }
  return totals;
}

/** The client's model-table prices in the shape cost computation uses. */
export function pricesFromPricing(pricing: ModelPricing): ModelPrices {
  return {
    inputPerMTok: pricing.inputPerMTok,
    outputPerMTok: pricing.outputPerMTok,
    cacheReadPerMTok: pricing.cacheReadPerMTok,
    webSearchPer1k: pricing.webSearchPer1000,
  };
}

/**
 * Published prices (USD per million tokens) of older models that the client's model table (the
 * picker's list, which holds the prices of every current model) does not carry. Source:
 * platform.claude.com/docs/en/about-claude/pricing.
 */
const LEGACY_PRICES: Readonly<Record<string, ModelPrices>> = {
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5 },
  'claude-opus-4-8': { inputPerMTok: 5, outputPerMTok: 25, cacheReadPerMTok: 0.5 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 },
};

/**
 * Prices for a model id when nothing better is known: the client's built-in model table, else the
 * legacy list. Dated ids (`claude-opus-4-5-20251101`), `-latest` aliases and context suffixes
 * (`[1m]`) map to their family; `claude-opus-4-20250514` is Opus 4.0. A newer point release
 * (`claude-sonnet-5-5`) is not mapped to its base: its prices may differ, so it stays unknown.
 */
export function fallbackPrices(model: string): ModelPrices | undefined {
  const family = model
    .toLowerCase()
    .replace(/\[[^\]]*\]$/, '')
    .replace(/-latest$/, '')
    .replace(/-\d{8}$/, '');
  const entry = builtInModel(family);
  if (entry) return pricesFromPricing(entry.pricing);
  return Object.hasOwn(LEGACY_PRICES, family) ? LEGACY_PRICES[family] : undefined;
}
