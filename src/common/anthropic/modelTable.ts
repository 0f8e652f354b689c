/**
 * The built-in facts about the models Anthropic serves in late November 2026: the one model table
 * and the one price table of the extension. Source: /work/shared/reference/messages-api.md §6
 * (lineup, context, output, prices), §1.5 (thinking types and display), §1.7 (effort), §1.2
 * (sampling, prefill, forced tool choice) and §2 (cache prices). The endpoint's `/v1/models`
 * capabilities, when it reports them, are laid over these rows (models.ts).
 *
 * Retired models (Opus 4 / 4.1, Sonnet 4, Haiku 3, all 3.x; §6) are not here: their ids get the
 * rules inferred from the id and no price.
 */
import type { ModelCapabilities, ModelFamily, ModelPricing, TokenPrices } from './modelTypes';
import type { Effort } from './types';

const ALL_EFFORTS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
// §1.7 lists xhigh for neither the 4.6 generation nor Haiku 5.5.
const NO_XHIGH: readonly Effort[] = ['low', 'medium', 'high', 'max'];
const UP_TO_HIGH: readonly Effort[] = ['low', 'medium', 'high'];

/** One price tier; cache writes are 1.25x (5 min) and 2x (1 h) input (§2), reads are per model. */
export function tokenPrices(input: number, output: number, cacheRead: number): TokenPrices {
  return {
    inputPerMTok: input,
    outputPerMTok: output,
    cacheReadPerMTok: cacheRead,
    cacheWrite5mPerMTok: input * 1.25,
    cacheWrite1hPerMTok: input * 2,
  };
}

/** A model's prices, web search at $10 per 1000 searches. */
export function pricing(input: number, output: number, cacheRead: number): ModelPricing {
  return { ...tokenPrices(input, output, cacheRead), webSearchPer1000: 10 };
}

type Row = Omit<ModelCapabilities, 'id' | 'displayName' | 'family' | 'version' | 'source'>;
type Rules = Omit<Row, 'pricing'>;

function row(id: string, displayName: string, family: ModelFamily, version: number, rules: Rules, prices: ModelPricing): ModelCapabilities {
  return { id, displayName, family, version, ...rules, pricing: prices, source: 'built-in' };
}

/**
 * Opus 4.7 and later, all 5.x: adaptive thinking only (a budget is refused), only default
 * sampling values (§1.2), no prefill (§1.2), 1M context and 128K output (§6). Display defaults to
 * omitted (§1.5 states it for Sonnet 5/5.5, Opus 5.5 and Fable; assumed for the rest of 4.7+).
 */
const ADAPTIVE_ONLY: Rules = {
  thinking: { adaptive: true, enabled: false, disabled: true, betweenTools: false },
  thinkingOnByDefault: true,
  thinkingDisplayDefault: 'omitted',
  effortLevels: ALL_EFFORTS,
  defaultEffort: 'high',
  forcedToolChoice: true,
  sampling: 'none',
  prefill: false,
  webSearch: true,
  contextWindow: 1_000_000,
  maxOutputTokens: 128_000,
};

/** §1.5: Fable and Mythos always think; `disabled` is refused. */
const ALWAYS_THINKS: Rules = { ...ADAPTIVE_ONLY, thinking: { ...ADAPTIVE_ONLY.thinking, disabled: false } };
/** §1.2: Opus 5.5, Sonnet 5.5 and Fable 5.1/5.2 refuse forced `tool_choice` (`any` / `tool`). */
const NO_FORCED_TOOL: Rules = { ...ALWAYS_THINKS, forcedToolChoice: false };

/** The 4.6 generation: adaptive thinking and a (deprecated) budget both accepted, thinking off by default. */
const BOTH_THINKING_FORMS: Rules = {
  ...ADAPTIVE_ONLY,
  thinking: { adaptive: true, enabled: true, disabled: true, betweenTools: false },
  thinkingOnByDefault: false,
  thinkingDisplayDefault: 'summarized',
  effortLevels: NO_XHIGH,
  // §1.2: only models released after Opus 4.6 are limited to the defaults.
  sampling: 'temperature-or-top-p',
};

/** Opus / Sonnet / Haiku 4.5: a thinking budget only, 200K context, 64K output (§6). */
const BUDGET_THINKING: Rules = {
  ...BOTH_THINKING_FORMS,
  thinking: { adaptive: false, enabled: true, disabled: true, betweenTools: false },
  effortLevels: [],
  defaultEffort: undefined,
  // §1.2: prefill is refused from Opus 4.6 / Sonnet 4.6 on, so the 4.5 generation still takes it.
  prefill: true,
  contextWindow: 200_000,
  maxOutputTokens: 64_000,
};

/** Haiku 5.5 (§6): $0.10 / $0.50 up to 100K prompt tokens, $0.50 / $2.50 for the whole request above. */
const HAIKU_5_5_PRICES: ModelPricing = {
  ...pricing(0.1, 0.5, 0.01),
  longPrompt: { aboveTokens: 100_000, prices: tokenPrices(0.5, 2.5, 0.05) },
};

/** The models offered in the picker when the endpoint does not list its own. Newest first. */
export const BUILT_IN_MODELS: readonly ModelCapabilities[] = [
  // §2: Fable 5.1/5.2 read the cache at 0.025x input.
  row('claude-fable-5-2', 'Claude Fable 5.2', 'fable', 5.2, NO_FORCED_TOOL, pricing(8, 40, 0.2)),
  row('claude-mythos-5-2', 'Claude Mythos 5.2', 'mythos', 5.2, NO_FORCED_TOOL, pricing(8, 40, 0.2)),
  // §1.7: Opus 5.5 and Haiku 5.5 default to medium effort. §2: Opus 5.5 and Sonnet 5.5 read at 0.05x.
  row('claude-opus-5-5', 'Claude Opus 5.5', 'opus', 5.5, { ...NO_FORCED_TOOL, defaultEffort: 'medium' }, pricing(4, 20, 0.2)),
  row('claude-sonnet-5-5', 'Claude Sonnet 5.5', 'sonnet', 5.5, {
    ...NO_FORCED_TOOL,
    // §1.5: Sonnet 5.5 refuses `disabled`; `between_tools` is its way to skip up-front thinking.
    thinking: { ...NO_FORCED_TOOL.thinking, betweenTools: true },
  }, pricing(2, 10, 0.1)),
  row('claude-haiku-5-5', 'Claude Haiku 5.5', 'haiku', 5.5, { ...ADAPTIVE_ONLY, effortLevels: NO_XHIGH, defaultEffort: 'medium' }, HAIKU_5_5_PRICES),
  // Legacy, still served (§6).
  row('claude-fable-5-1', 'Claude Fable 5.1', 'fable', 5.1, NO_FORCED_TOOL, pricing(10, 50, 0.25)),
  row('claude-mythos-5-1', 'Claude Mythos 5.1', 'mythos', 5.1, NO_FORCED_TOOL, pricing(10, 50, 0.25)),
  row('claude-fable-5', 'Claude Fable 5', 'fable', 5, ALWAYS_THINKS, pricing(10, 50, 1)),
  row('claude-mythos-5', 'Claude Mythos 5', 'mythos', 5, ALWAYS_THINKS, pricing(10, 50, 1)),
  // §1.5: Opus 5 turns thinking off only at effort high or below.
  row('claude-opus-5', 'Claude Opus 5', 'opus', 5, { ...ADAPTIVE_ONLY, disabledThinkingMaxEffort: 'high' }, pricing(5, 25, 0.5)),
  row('claude-sonnet-5', 'Claude Sonnet 5', 'sonnet', 5, ADAPTIVE_ONLY, pricing(2, 10, 0.2)),
  // §1.5: adaptive thinking is the default from the 5.x models on, not on Opus 4.7 / 4.8.
  row('claude-opus-4-8', 'Claude Opus 4.8', 'opus', 4.8, { ...ADAPTIVE_ONLY, thinkingOnByDefault: false }, pricing(5, 25, 0.5)),
  row('claude-opus-4-7', 'Claude Opus 4.7', 'opus', 4.7, { ...ADAPTIVE_ONLY, thinkingOnByDefault: false }, pricing(5, 25, 0.5)),
  // §1.2: of the 4.6 generation only Sonnet is listed as refusing temperature with top_p.
  row('claude-opus-4-6', 'Claude Opus 4.6', 'opus', 4.6, { ...BOTH_THINKING_FORMS, sampling: 'all' }, pricing(5, 25, 0.5)),
  row('claude-sonnet-4-6', 'Claude Sonnet 4.6', 'sonnet', 4.6, BOTH_THINKING_FORMS, pricing(3, 15, 0.3)),
  // §1.7: Opus 4.5 takes effort low to high; Sonnet 4.5 and Haiku 4.5 take none.
  row('claude-opus-4-5', 'Claude Opus 4.5', 'opus', 4.5, { ...BUDGET_THINKING, effortLevels: UP_TO_HIGH, defaultEffort: 'high' }, pricing(5, 25, 0.5)),
  row('claude-sonnet-4-5', 'Claude Sonnet 4.5', 'sonnet', 4.5, BUDGET_THINKING, pricing(3, 15, 0.3)),
  row('claude-haiku-4-5', 'Claude Haiku 4.5', 'haiku', 4.5, BUDGET_THINKING, pricing(1, 5, 0.1)),
];
