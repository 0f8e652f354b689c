/**
 * What a turn and a conversation cost, from the `usage` the API reports.
 *
 * The prices come from the one price table, the model table in `../anthropic/modelTable.ts`: per
 * model input, output, cache read and cache write (5-minute and 1-hour) prices, web search per
 * 1,000 requests, and a long-prompt tier where the model has one (Haiku 5.5: the whole request is
 * billed at the higher tier when its prompt is above 100K tokens). Web fetch costs nothing beyond
 * the tokens it adds. A model the table does not know has no price: its turns show tokens and no
 * cost, never a guess. Batch discounts and regional multipliers are not modelled: this is an
 * estimate shown to the user, not a bill.
 */
import { builtInModel, type ModelPricing, type TokenPrices } from '../anthropic/models';
import type { Usage } from '../anthropic/types';
import type { ConversationTotals, TurnCost } from '../protocol';
import type { CacheTtl, Conversation } from './model';
import { turnUsage } from './turnUsage';
import { allKeptTurns } from './versions';

/** Looks prices up by model id; undefined when unknown. */
export type PriceLookup = (model: string) => ModelPricing | undefined;

/** What is known about the cache TTL of a turn's writes. */
export interface CacheTtlInfo {
  /**
   * The TTL assumed for cache writes when usage has no per-TTL split (`usage.cache_creation`),
   * as with gateways that only report `cache_creation_input_tokens`. Default `5m`.
   */
  assumedTtl?: CacheTtl;
}

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

/** A request's prompt size: uncached input, cache reads and cache writes (reference §1.4). */
export function promptTokens(usage: Usage, writes: CacheWrites): number {
  return usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + writes.fiveMinute + writes.oneHour;
}

/** The price tier a request is billed at, chosen by its prompt size. */
export function priceTier(prices: ModelPricing, prompt: number): TokenPrices {
  const long = prices.longPrompt;
  return long && prompt > long.aboveTokens ? long.prices : prices;
}

/** The cost of one turn (one request); `dollars` is undefined when the prices are unknown. */
export function turnCost(usage: Usage, prices: ModelPricing | undefined, ttl: CacheTtlInfo = {}): TurnCost {
  const searches = usage.server_tool_use?.web_search_requests ?? 0;
  const fetches = usage.server_tool_use?.web_fetch_requests ?? 0;
  const cost: TurnCost = { serverToolRequests: searches + fetches };
  if (!prices) {
    return cost;
  }
  const writes = cacheWrites(usage, ttl);
  const tier = priceTier(prices, promptTokens(usage, writes));
  const tokenDollars =
    usage.input_tokens * tier.inputPerMTok +
    usage.output_tokens * tier.outputPerMTok +
    (usage.cache_read_input_tokens ?? 0) * tier.cacheReadPerMTok +
    writes.fiveMinute * tier.cacheWrite5mPerMTok +
    writes.oneHour * tier.cacheWrite1hPerMTok;
  const searchDollars = (searches * prices.webSearchPer1000) / 1000;
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
  let estimated = false;
  // Earlier versions of replies were paid for too: the totals count them.
  for (const turn of allKeptTurns(conversation.turns)) {
    if (turn.role !== 'assistant') continue;
    const counted = turnUsage(turn);
    if (!counted) continue;
    const usage = counted.usage;
    estimated ||= counted.estimated;
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
  if (estimated) {
    totals.estimated = true;
  }
  return totals;
}

/**
 * The built-in table's prices for a model id, undefined when the table does not know the model.
 * Dated ids (`claude-opus-4-5-20251101`), `-latest` aliases, provider prefixes and context
 * suffixes (`[1m]`) map to their table entry. A retired model (`claude-opus-4-1`) or a release the
 * table does not have yet stays unknown: its prices may differ, and a guess would look like a bill.
 */
export function fallbackPrices(model: string): ModelPricing | undefined {
  return builtInModel(model)?.pricing;
}
