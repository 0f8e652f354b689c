import assert from 'node:assert/strict';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn } from '../../../src/common/conversation/conversation';
import type { CacheTtl } from '../../../src/common/conversation/model';
import { pricing, tokenPrices } from '../../../src/common/anthropic/modelTable';
import type { ModelPricing } from '../../../src/common/anthropic/models';
import { conversationTotals, fallbackPrices, priceTier, turnCost } from '../../../src/common/conversation/pricing';
import { toViewTurns } from '../../../src/common/conversation/viewTurns';
import { usage } from './fixtures';

// Round numbers make expected dollars easy to read: $1 input, $10 output, $0.5 cache read per MTok.
const PRICES: ModelPricing = pricing(1, 10, 0.5);
const M = 1_000_000;

function close(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${String(actual)} != ${expected}`);
}

describe('turnCost', () => {
  it('prices input, output and cache reads at their own rates', () => {
    close(turnCost(usage({ input_tokens: M, output_tokens: M, cache_read_input_tokens: M }), PRICES).dollars, 1 + 10 + 0.5);
  });

  it('prices 5-minute cache writes at 1.25x and 1-hour writes at 2x the input price, from the split', () => {
    const cost = turnCost(
      usage({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 3 * M, cache_creation: { ephemeral_5m_input_tokens: M, ephemeral_1h_input_tokens: 2 * M } }),
      PRICES,
    );
    close(cost.dollars, 1.25 + 4);
  });

  it('prices all cache writes at the 5-minute rate when there is no split, unless told the TTL', () => {
    const u = usage({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: M });
    close(turnCost(u, PRICES).dollars, 1.25);
    close(turnCost(u, PRICES, { assumedTtl: '1h' }).dollars, 2);
    // The split wins over the assumption when the API reports it.
    close(turnCost({ ...u, cache_creation: { ephemeral_5m_input_tokens: M } }, PRICES, { assumedTtl: '1h' }).dollars, 1.25);
  });

  it('adds web searches at $10 per 1,000 unless the table says otherwise; web fetch is free beyond tokens', () => {
    const u = usage({ input_tokens: 0, output_tokens: 0, server_tool_use: { web_search_requests: 3, web_fetch_requests: 2 } });
    const cost = turnCost(u, PRICES);
    close(cost.dollars, 0.03);
    assert.equal(cost.serverToolRequests, 5);
    close(turnCost(u, { ...PRICES, webSearchPer1000: 20 }).dollars, 0.06);
  });

  it('leaves dollars undefined when the prices are unknown', () => {
    const cost = turnCost(usage({ server_tool_use: { web_search_requests: 1 } }), undefined);
    assert.deepEqual(cost, { serverToolRequests: 1 });
  });

  it('bills the whole request at the long-prompt tier once its prompt is above the threshold', () => {
    const tiered: ModelPricing = { ...PRICES, longPrompt: { aboveTokens: 1000, prices: tokenPrices(5, 50, 2) } };
    // 1000 prompt tokens (input + reads + writes) is not above the threshold: the base tier.
    const atLimit = usage({ input_tokens: 400, output_tokens: 100, cache_read_input_tokens: 500, cache_creation_input_tokens: 100 });
    close(turnCost(atLimit, tiered).dollars, (400 * 1 + 100 * 10 + 500 * 0.5 + 100 * 1.25) / M);
    const above = { ...atLimit, input_tokens: 401 };
    close(turnCost(above, tiered).dollars, (401 * 5 + 100 * 50 + 500 * 2 + 100 * 6.25) / M);
    assert.equal(priceTier(PRICES, 10 * M), PRICES, 'no tier: always the base prices');
  });

  it("prices Haiku 5.5 by the request's prompt size: $0.10 / $0.50 up to 100K, $0.50 / $2.50 above (reference §6)", () => {
    const haiku = fallbackPrices('claude-haiku-5-5');
    close(turnCost(usage({ input_tokens: 100_000, output_tokens: 1000, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }), haiku).dollars, (100_000 * 0.1 + 1000 * 0.5) / M);
    close(turnCost(usage({ input_tokens: 100_001, output_tokens: 1000, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }), haiku).dollars, (100_001 * 0.5 + 1000 * 2.5) / M);
    // Cache reads count toward the prompt size, and are billed at the long tier's read price.
    const cached = usage({ input_tokens: 1000, output_tokens: 0, cache_read_input_tokens: 200_000, cache_creation_input_tokens: 0 });
    close(turnCost(cached, haiku).dollars, (1000 * 0.5 + 200_000 * 0.05) / M);
  });
});

describe('fallbackPrices', () => {
  it('takes the model table\'s prices, for dated ids and aliases too', () => {
    const opus45 = fallbackPrices('claude-opus-4-5-20251101');
    assert.deepEqual([opus45?.inputPerMTok, opus45?.outputPerMTok, opus45?.cacheReadPerMTok], [5, 25, 0.5]);
    assert.equal(fallbackPrices('claude-sonnet-4-5[1m]')?.inputPerMTok, 3);
    assert.equal(fallbackPrices('claude-sonnet-4-5-latest')?.inputPerMTok, 3);
    assert.equal(fallbackPrices('claude-haiku-4-5-20251001')?.cacheReadPerMTok, 0.1);
    assert.equal(fallbackPrices('claude-opus-4-8')?.inputPerMTok, 5);
    assert.equal(fallbackPrices('claude-opus-5')?.inputPerMTok, 5);
    assert.equal(fallbackPrices('claude-fable-5')?.outputPerMTok, 50);
    assert.equal(fallbackPrices('claude-sonnet-5-5')?.inputPerMTok, 2);
    assert.deepEqual([fallbackPrices('claude-fable-5-2')?.inputPerMTok, fallbackPrices('claude-fable-5-2')?.outputPerMTok], [8, 40]);
  });

  it('does not guess: retired models, unreleased ones and other vendors have no price', () => {
    for (const model of ['claude-opus-4-20250514', 'claude-opus-4-1', 'claude-sonnet-4', 'claude-opus-6', 'claude-sonnet-5-6', 'gpt-4o', 'toString', '']) {
      assert.equal(fallbackPrices(model), undefined, model);
    }
  });
});

describe('conversationTotals', () => {
  function withTurns(model: string, turns: Array<{ u: Parameters<typeof usage>[0]; ttl?: CacheTtl }>) {
    const c = createConversation({ model });
    for (const { u, ttl } of turns) {
      appendUserTurn(c, { content: [{ type: 'text', text: 'q' }] });
      const t = startAssistantTurn(c, { model, ...(ttl ? { cacheTtl: ttl } : {}) });
      finishAssistantTurn(c, t.id, { status: 'done', snapshot: { content: [{ type: 'text', text: 'a' }], usage: usage(u) } });
    }
    return c;
  }

  it('sums tokens and dollars and computes the cache hit rate over all prompt tokens', () => {
    const c = withTurns('claude-haiku-4-5', [
      { u: { input_tokens: 100, output_tokens: 10, cache_creation_input_tokens: 900, cache_read_input_tokens: 0 } },
      { u: { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 900 } },
    ]);
    const totals = conversationTotals(c);
    assert.equal(totals.inputTokens, 200);
    assert.equal(totals.outputTokens, 30);
    assert.equal(totals.cacheReadTokens, 900);
    assert.equal(totals.cacheCreationTokens, 900);
    close(totals.cacheHitRate, 900 / 2000);
    // haiku 4.5: $1 in, $5 out, $0.10 read; 900 writes at $1.25
    close(totals.dollars, (200 * 1 + 30 * 5 + 900 * 0.1 + 900 * 1.25) / M);
  });

  it('uses the turn\'s recorded TTL for writes without a split', () => {
    const c = withTurns('claude-haiku-4-5', [{ u: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: M }, ttl: '1h' }]);
    close(conversationTotals(c).dollars, 2);
  });

  it('gives a zero hit rate for an empty conversation and no dollars when a model is unknown', () => {
    const empty = conversationTotals(createConversation({ model: 'x' }));
    assert.deepEqual(empty, { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, dollars: 0, cacheHitRate: 0 });
    const unknown = conversationTotals(withTurns('mystery-model', [{ u: {} }]));
    assert.equal(unknown.dollars, undefined);
    assert.equal(unknown.inputTokens, 100);
    // A Claude id the table does not know yet is unknown too: tokens, no invented cost.
    const unreleased = conversationTotals(withTurns('claude-opus-6', [{ u: {} }]));
    assert.equal(unreleased.dollars, undefined);
    assert.equal(unreleased.outputTokens, 50);
  });
});

describe('a turn of a model with unknown prices', () => {
  it('reaches the view with its usage and dollars undefined', () => {
    for (const model of ['claude-opus-6', 'gpt-4o', 'claude-opus-4-1']) {
      const c = createConversation({ model });
      appendUserTurn(c, { content: [{ type: 'text', text: 'q' }] });
      const t = startAssistantTurn(c, { model });
      finishAssistantTurn(c, t.id, { status: 'done', snapshot: { content: [{ type: 'text', text: 'a' }], usage: usage({ server_tool_use: { web_search_requests: 1 } }) } });
      const view = toViewTurns(c)[1];
      assert.equal(view?.usage?.input_tokens, 100, model);
      assert.deepEqual(view?.cost, { serverToolRequests: 1 }, model);
      assert.equal(view?.cost?.dollars, undefined, model);
    }
  });
});
